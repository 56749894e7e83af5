package dev.scanwatch.io.flow;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Flow-log time stamps to epoch nanoseconds, without going through double (which would round
 * microseconds). Date-times without a zone (Argus binetflow, nfdump) are taken as UTC: the tools
 * print local time of the machine that ran them, which the file does not record.
 */
final class Timestamps {

    /** Returned for text that is not a time stamp. */
    static final long INVALID = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int NANO_DIGITS = 9;
    private static final int SECONDS_PER_MINUTE = 60;
    private static final int SECONDS_PER_HOUR = 3600;
    /** Epoch seconds beyond this (year 2286) are garbage, and would overflow nanoseconds soon after. */
    private static final long MAX_EPOCH_SECONDS = 9_999_999_999L;

    private Timestamps() {
    }

    /** Decimal epoch seconds ("1795364336.072960", "928.9", "1.7e9" is not accepted). */
    static long epochSeconds(String text) {
        return text == null ? INVALID : epochSeconds(text, 0, text.length());
    }

    /** {@link #epochSeconds(String)} of {@code text[from, to)}, without cutting it out. */
    static long epochSeconds(String text, int from, int to) {
        if (from >= to) {
            return INVALID;
        }
        int dot = indexOf(text, '.', from, to);
        long seconds = digits(text, from, dot < 0 ? to : dot);
        if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
            return INVALID;
        }
        long fraction = dot < 0 ? 0 : fractionNanos(text, dot + 1, to);
        return fraction < 0 ? INVALID : seconds * NANOS_PER_SECOND + fraction;
    }

    /** Decimal seconds of a duration ("0.000000", "63.822830") in nanoseconds, or INVALID. */
    static long durationSeconds(String text) {
        return epochSeconds(text);
    }

    /** {@link #durationSeconds(String)} of {@code text[from, to)}. */
    static long durationSeconds(String text, int from, int to) {
        return epochSeconds(text, from, to);
    }

    /**
     * A date-time "2011/08/16 10:01:46.972101", "2026-11-22 16:18:56" or ISO 8601
     * "2023-11-24T12:16:57.314165Z" / "...+01:00"; UTC unless an offset is given.
     */
    static long dateTime(String text) {
        // yyyy?MM?dd?HH:mm:ss at fixed positions, then optional fraction and zone
        final int minLength = 19;
        if (text == null || text.length() < minLength) {
            return INVALID;
        }
        char dateSep = text.charAt(4);
        char between = text.charAt(10);
        if ((dateSep != '-' && dateSep != '/') || text.charAt(7) != dateSep
            || (between != ' ' && between != 'T') || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return INVALID;
        }
        long year = digits(text.substring(0, 4));
        long month = digits(text.substring(5, 7));
        long day = digits(text.substring(8, 10));
        long hour = digits(text.substring(11, 13));
        long minute = digits(text.substring(14, 16));
        long second = digits(text.substring(17, 19));
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return INVALID;
        }
        int i = minLength;
        long fraction = 0;
        if (i < text.length() && text.charAt(i) == '.') {
            int start = ++i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            fraction = fractionNanos(text, start, i);
            if (fraction < 0) {
                return INVALID;
            }
        }
        long offsetSeconds = zoneOffsetSeconds(text, i);
        if (offsetSeconds == INVALID) {
            return INVALID;
        }
        try {
            long epoch = LocalDateTime.of((int) year, (int) month, (int) day, (int) hour, (int) minute, (int) second)
                    .toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
            return epoch * NANOS_PER_SECOND + fraction;
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /** Either form: a decimal epoch or a date-time. */
    static long any(String text) {
        long t = epochSeconds(text);
        return t != INVALID ? t : dateTime(text);
    }

    private static long zoneOffsetSeconds(String text, int i) {
        if (i == text.length() || (text.length() == i + 1 && text.charAt(i) == 'Z')) {
            return 0;
        }
        char sign = text.charAt(i);
        // "+hh:mm" or "+hhmm"
        String rest = text.substring(i + 1).replace(":", "");
        if ((sign != '+' && sign != '-') || rest.length() != 4) {
            return INVALID;
        }
        long hh = digits(rest.substring(0, 2));
        long mm = digits(rest.substring(2));
        if (hh < 0 || mm < 0) {
            return INVALID;
        }
        long offset = hh * SECONDS_PER_HOUR + mm * SECONDS_PER_MINUTE;
        return sign == '-' ? -offset : offset;
    }

    /** The fraction digits text[from, to) as nanoseconds; digits past the ninth are dropped. */
    private static long fractionNanos(String text, int from, int to) {
        long value = 0;
        int used = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (used < NANO_DIGITS) {
                value = value * 10 + (c - '0');
                used++;
            }
        }
        while (used++ < NANO_DIGITS) {
            value *= 10;
        }
        return value;
    }

    /** The first {@code c} in {@code text[from, to)}, or -1 (not past the field: the line goes on). */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Non-negative decimal digits (at most 18), or -1. */
    private static long digits(String s) {
        return digits(s, 0, s.length());
    }

    /** {@link #digits(String)} of {@code s[from, to)}. */
    private static long digits(String s, int from, int to) {
        final int maxDigits = 18;
        if (from >= to || to - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
