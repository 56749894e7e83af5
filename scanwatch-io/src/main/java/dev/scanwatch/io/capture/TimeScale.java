package dev.scanwatch.io.capture;

/**
 * Converts pcapng timestamps (64-bit unsigned tick counts since the epoch, in the interface's
 * {@code if_tsresol} units, shifted by {@code if_tsoffset} seconds) to epoch nanoseconds.
 */
final class TimeScale {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Default pcapng resolution: microseconds (if_tsresol absent). */
    static final int DEFAULT_TSRESOL = 6;
    /** In if_tsresol, the top bit selects a power of two instead of a power of ten. */
    private static final int TSRESOL_BASE2 = 0x80;
    private static final int TSRESOL_EXPONENT = 0x7F;
    private static final int NANO_DIGITS = 9;
    /** 10^18 is the largest power of ten in a long. */
    private static final int MAX_DECIMAL_SHIFT = 18;
    /** Binary fractions need the 128-bit product of a 63-bit fraction and 10^9. */
    private static final int MAX_BINARY_EXPONENT = 62;

    static final TimeScale MICROS = new TimeScale(false, 1000L, 0, 0, 0);

    private final boolean binary;
    /** Decimal: ticks * multiplier / divisor (one of them is 1). */
    private final long multiplier;
    private final long divisor;
    /** Binary: ticks / 2^exponent seconds. */
    private final int exponent;
    private final long offsetNanos;

    private TimeScale(boolean binary, long multiplier, long divisor, int exponent, long offsetNanos) {
        this.binary = binary;
        this.multiplier = multiplier;
        this.divisor = divisor;
        this.exponent = exponent;
        this.offsetNanos = offsetNanos;
    }

    /**
     * @param tsresol the if_tsresol byte
     * @param offsetSeconds the if_tsoffset value (0 when absent)
     * @return null when the resolution cannot be represented (finer than 10^-27 or 2^-62 s)
     */
    static TimeScale of(int tsresol, long offsetSeconds) {
        long offsetNanos = offsetSeconds * NANOS_PER_SECOND;
        int exp = tsresol & TSRESOL_EXPONENT;
        if ((tsresol & TSRESOL_BASE2) != 0) {
            return exp > MAX_BINARY_EXPONENT ? null : new TimeScale(true, 0, 0, exp, offsetNanos);
        }
        if (exp <= NANO_DIGITS) {
            return new TimeScale(false, pow10(NANO_DIGITS - exp), 0, 0, offsetNanos);
        }
        if (exp - NANO_DIGITS > MAX_DECIMAL_SHIFT) {
            return null;
        }
        return new TimeScale(false, 0, pow10(exp - NANO_DIGITS), 0, offsetNanos);
    }

    long toNanos(long ticks) {
        if (!binary) {
            return (divisor == 0 ? ticks * multiplier : Long.divideUnsigned(ticks, divisor)) + offsetNanos;
        }
        long seconds = ticks >>> exponent;
        long fraction = ticks & ((1L << exponent) - 1);
        // fraction * 10^9 can need up to 92 bits; shift the 128-bit product right by the exponent.
        long low = fraction * NANOS_PER_SECOND;
        long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
        long fractionNanos = exponent == 0 ? 0 : (high << (64 - exponent)) | (low >>> exponent);
        return seconds * NANOS_PER_SECOND + fractionNanos + offsetNanos;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
