package dev.scanwatch.io.netflow;

import dev.scanwatch.core.net.IpAddress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Templates by (exporter address, source ID / observation domain, template ID), least recently
 * used evicted beyond the bound: a flood of spoofed exporters or template IDs costs at most the
 * bound. A one-entry memo makes the steady state (the same template set after set) lookup-free.
 */
final class TemplateCache {

    /** Enough for thousands of exporters with a few templates each; ~1 KiB apiece at most. */
    static final int DEFAULT_CAPACITY = 16_384;

    private record Key(IpAddress exporter, long domain, int id) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, Template> map;
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
        Template old = map.put(new Key(exporter, domain, t.id), t);
        if (old != null && old != t) {
            old.live = false;
        }
    }

    /** IPFIX withdrawal of one template; true when it was known. */
    boolean withdraw(IpAddress exporter, long domain, int id) {
        Template old = map.remove(new Key(exporter, domain, id));
        if (old != null) {
            old.live = false;
        }
        return old != null;
    }

    /** IPFIX "withdraw all": every (options) template of this exporter and domain; returns how many. */
    int withdrawAll(IpAddress exporter, long domain, boolean options) {
        int[] n = {0};
        map.entrySet().removeIf(e -> {
            Key k = e.getKey();
            if (k.domain() == domain && k.exporter().equals(exporter) && e.getValue().options == options) {
                e.getValue().live = false;
                n[0]++;
                return true;
            }
            return false;
        });
        return n[0];
    }

    int size() {
        return map.size();
    }

    long evictions() {
        return evictions;
    }
}
