package dev.scanwatch.io.netflow;

/**
 * The time fields one record may carry, in whichever form its exporter chose, and the rule that
 * makes epoch milliseconds of them: absolute times first (milliseconds, seconds, NTP micro/nano,
 * delta before export), then uptime-relative ones (NetFlow v5/v9 FIRST/LAST_SWITCHED against the
 * header's sysUptime and unix seconds; IPFIX flowStart/EndSysUpTime against the exporter's
 * systemInitTimeMilliseconds), else the export time.
 */
final class RecordTimes {

    static final long NONE = Long.MIN_VALUE;
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final long MILLIS_PER_SECOND = 1000;
    private static final long MICROS_PER_MILLI = 1000;
    private static final int NTP_FRACTION_BITS = 32;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    long startMs;
    long endMs;
    long startSec;
    long endSec;
    long startNtp;
    long endNtp;
    long startDeltaMicros;
    long endDeltaMicros;
    long startUptime;
    long endUptime;

    void clear() {
        startMs = NONE;
        endMs = NONE;
        startSec = NONE;
        endSec = NONE;
        startNtp = NONE;
        endNtp = NONE;
        startDeltaMicros = NONE;
        endDeltaMicros = NONE;
        startUptime = NONE;
        endUptime = NONE;
    }

    /**
     * Fills the record's start and end.
     *
     * @param exportMillis     the datagram's export time
     * @param uptimeBaseMillis epoch milliseconds at which the exporter's uptime was 0 (v5/v9: export
     *                         time minus the header's sysUptime), or {@link #NONE}
     * @param headerUptime     the header's sysUptime (v5/v9), or {@link #NONE} for IPFIX
     */
    void resolve(FlowRecord r, long exportMillis, long uptimeBaseMillis, long headerUptime) {
        // Split in small methods: this runs for every record, and each piece inlines under the
        // launcher's limit (docs/DECISIONS.md §13) where the whole did not.
        long start = start(exportMillis, uptimeBaseMillis, headerUptime);
        long end = end(exportMillis, uptimeBaseMillis, headerUptime);
        r.timeFromExport = start == NONE;
        if (start == NONE) {
            start = end != NONE ? Math.min(end, exportMillis) : exportMillis;
        }
        r.startMillis = start;
        r.endMillis = end == NONE || end < start ? start : end;
    }

    private long start(long exportMillis, long uptimeBaseMillis, long headerUptime) {
        return pick(startMs, startSec, startNtp, startDeltaMicros, startUptime, exportMillis, uptimeBaseMillis,
                headerUptime);
    }

    private long end(long exportMillis, long uptimeBaseMillis, long headerUptime) {
        return pick(endMs, endSec, endNtp, endDeltaMicros, endUptime, exportMillis, uptimeBaseMillis, headerUptime);
    }

    private static long pick(long ms, long sec, long ntp, long deltaMicros, long uptime, long exportMillis,
                             long uptimeBase, long headerUptime) {
        if (ms != NONE) {
            return ms;
        }
        if (sec != NONE) {
            return sec * MILLIS_PER_SECOND;
        }
        if (ntp != NONE) {
            return ntpToMillis(ntp);
        }
        return relative(deltaMicros, uptime, exportMillis, uptimeBase, headerUptime);
    }

    /** Times given relative to the export or to the exporter's uptime. */
    private static long relative(long deltaMicros, long uptime, long exportMillis, long uptimeBase, long headerUptime) {
        if (deltaMicros != NONE) {
            return exportMillis - deltaMicros / MICROS_PER_MILLI;
        }
        if (uptime != NONE && uptimeBase != NONE) {
            if (headerUptime != NONE) {
                // 32-bit millisecond counters wrap after 49.7 days: the signed difference survives the wrap.
                int before = (int) headerUptime - (int) uptime;
                return exportMillis - before;
            }
            return uptimeBase + (uptime & LOW_32);
        }
        return NONE;
    }

    /** NTP 64-bit time stamp (RFC 5905: seconds since 1900, 32-bit fraction) to epoch milliseconds. */
    static long ntpToMillis(long ntp) {
        long seconds = (ntp >>> NTP_FRACTION_BITS) - NTP_TO_UNIX_SECONDS;
        long fraction = ntp & LOW_32;
        return seconds * MILLIS_PER_SECOND + ((fraction * MILLIS_PER_SECOND) >>> NTP_FRACTION_BITS);
    }
}
