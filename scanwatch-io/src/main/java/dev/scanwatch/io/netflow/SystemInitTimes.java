package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IPFIX systemInitTimeMilliseconds per (exporter, observation domain): the epoch time at which
 * flowStart/EndSysUpTime count from. Bounded like the template cache.
 */
final class SystemInitTimes {

    private record Key(IpAddress exporter, long domain) implements Comparable<Key> {
        // Comparable, so that keys chosen to share a hash cost the map a tree search, not a walk of them all.
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::exporter).thenComparingLong(Key::domain);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private final Map<Key, Long> times;

    SystemInitTimes(int capacity) {
        this.times = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    void put(IpAddress exporter, long domain, long epochMillis) {
        times.put(new Key(exporter, domain), epochMillis);
    }

    /** Epoch milliseconds, or {@link RecordTimes#NONE} while the exporter has not said. */
    long get(IpAddress exporter, long domain) {
        if (times.isEmpty()) {
            return RecordTimes.NONE;
        }
        Long t = times.get(new Key(exporter, domain));
        return t == null ? RecordTimes.NONE : t;
    }
}
