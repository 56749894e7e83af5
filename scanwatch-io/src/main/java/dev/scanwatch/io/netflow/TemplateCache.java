package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Templates by (exporter address, source ID / observation domain, template ID), least recently
 * used evicted beyond the bound: a flood of spoofed exporters or template IDs costs at most the
 * bound. A one-entry memo makes the steady state (the same template set after set) lookup-free.
 */
final class TemplateCache {

    /** Enough for thousands of exporters with a few templates each; ~1 KiB apiece at most. */
    static final int DEFAULT_CAPACITY = 16_384;

    private record Key(IpAddress exporter, long domain, int id) implements Comparable<Key> {
        // Comparable, so that keys chosen to share a hash cost the map a tree search, not a walk of them all.
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::exporter).thenComparingLong(Key::domain)
                .thenComparingInt(Key::id);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** One exporter's observation domain (NetFlow v9: source ID), and which kind of template. */
    private record Domain(IpAddress exporter, long domain, boolean options) implements Comparable<Domain> {
        private static final Comparator<Domain> ORDER = Comparator.comparing(Domain::exporter)
                .thenComparingLong(Domain::domain).thenComparing(Domain::options);

        @Override
        public int compareTo(Domain o) {
            return ORDER.compare(this, o);
        }
    }

    private final int capacity;
    private final LinkedHashMap<Key, Template> map;
    /**
     * The template IDs of each domain in the cache, data and options templates apart, so that a
     * "withdraw all" touches that domain's templates only: a datagram can hold thousands of
     * 4-byte withdraw-all records, and each one used to walk the whole cache.
     */
    private final Map<Domain, Set<Integer>> idsByDomain = new HashMap<>();
    private long evictions;

    private IpAddress memoExporter;
    private long memoDomain;
    private int memoId;
    private Template memo;

    TemplateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("template cache capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Template> eldest) {
                if (size() > TemplateCache.this.capacity) {
                    eldest.getValue().live = false;
                    unindex(eldest.getKey(), eldest.getValue().options);
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    Template get(IpAddress exporter, long domain, int id) {
        Template m = memo;
        if (m != null && m.live && memoId == id && memoDomain == domain && memoExporter.equals(exporter)) {
            return m;
        }
        Template t = map.get(new Key(exporter, domain, id));
        if (t != null) {
            memoExporter = exporter;
            memoDomain = domain;
            memoId = id;
            memo = t;
        }
        return t;
    }

    /** A new template or a refresh: the old definition stops matching at once. */
    void put(IpAddress exporter, long domain, Template t) {
        Key key = new Key(exporter, domain, t.id);
        Template old = map.put(key, t);
        if (old != null) {
            if (old != t) {
                old.live = false;
            }
            if (old.options == t.options) {
                return; // a refresh of the same kind is indexed already (every key of the map is, under its kind)
            }
            unindex(key, old.options);
        }
        idsByDomain.computeIfAbsent(new Domain(exporter, domain, t.options), d -> new HashSet<>(4)).add(t.id);
    }

    /** IPFIX withdrawal of one template; true when it was known. */
    boolean withdraw(IpAddress exporter, long domain, int id) {
        Key key = new Key(exporter, domain, id);
        Template old = map.remove(key);
        if (old != null) {
            old.live = false;
            unindex(key, old.options);
        }
        return old != null;
    }

    /** IPFIX "withdraw all": every (options) template of this exporter and domain; returns how many. */
    int withdrawAll(IpAddress exporter, long domain, boolean options) {
        Set<Integer> ids = idsByDomain.remove(new Domain(exporter, domain, options));
        if (ids == null) {
            return 0;
        }
        for (int id : ids) {
            map.remove(new Key(exporter, domain, id)).live = false;
        }
        return ids.size();
    }

    private void unindex(Key key, boolean options) {
        Domain d = new Domain(key.exporter(), key.domain(), options);
        Set<Integer> ids = idsByDomain.get(d);
        if (ids != null && ids.remove(key.id()) && ids.isEmpty()) {
            idsByDomain.remove(d);
        }
    }

    int size() {
        return map.size();
    }

    long evictions() {
        return evictions;
    }
}
