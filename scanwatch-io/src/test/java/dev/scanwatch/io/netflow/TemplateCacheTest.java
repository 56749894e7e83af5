package dev.scanwatch.io.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.net.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateCacheTest {

    private static Template template(int id, boolean options) {
        return new Template(id, options, new int[0], new int[0]);
    }

    @Test
    void withdrawAllTakesOneDomainsTemplatesOfOneKind() {
        TemplateCache cache = new TemplateCache(100);
        IpAddress a = IpAddress.parse("192.0.2.1");
        IpAddress b = IpAddress.parse("192.0.2.2");
        Template data256 = template(256, false);
        Template options257 = template(257, true);
        cache.put(a, 1, data256);
        cache.put(a, 1, options257);
        cache.put(a, 1, template(258, false));
        cache.put(a, 2, template(256, false));
        cache.put(b, 1, template(256, false));

        assertThat(cache.withdrawAll(a, 1, false)).isEqualTo(2);
        assertThat(data256.live).isFalse();
        assertThat(cache.get(a, 1, 258)).isNull();
        assertThat(cache.get(a, 1, 257)).isSameAs(options257);
        assertThat(cache.get(a, 2, 256)).isNotNull();
        assertThat(cache.get(b, 1, 256)).isNotNull();
        assertThat(cache.withdrawAll(a, 1, false)).isZero();
        assertThat(cache.withdrawAll(a, 1, true)).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(2);
    }

    /**
     * Random puts (new, refreshed, a data ID reused for options), withdrawals and evictions against
     * a plain model that scans every entry: what withdraw-all removes, and what stays, agree.
     */
    @Test
    void theIndexFollowsPutsWithdrawalsAndEvictions() {
        Random random = new Random(7);
        int capacity = 40;
        TemplateCache cache = new TemplateCache(capacity);
        LinkedHashMap<List<Object>, Template> model = new LinkedHashMap<>(16, 0.75f, true);
        IpAddress[] exporters = {IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.2")};
        int withdrawn = 0;
        for (int step = 0; step < 20_000; step++) {
            IpAddress exporter = exporters[random.nextInt(2)];
            long domain = random.nextInt(3);
            int id = 256 + random.nextInt(30);
            int op = random.nextInt(9);
            if (op < 6) {
                Template t = template(id, random.nextInt(4) == 0);
                cache.put(exporter, domain, t);
                model.put(List.of(exporter, domain, id), t);
                if (model.size() > capacity) {
                    model.remove(model.keySet().iterator().next());
                }
            } else if (op < 8) {
                assertThat(cache.withdraw(exporter, domain, id))
                        .isEqualTo(model.remove(List.of(exporter, domain, id)) != null);
            } else {
                boolean options = random.nextBoolean();
                List<List<Object>> gone = new ArrayList<>();
                for (Map.Entry<List<Object>, Template> e : model.entrySet()) {
                    if (e.getKey().get(0).equals(exporter) && e.getKey().get(1).equals(domain)
                        && e.getValue().options == options) {
                        gone.add(e.getKey());
                    }
                }
                gone.forEach(model::remove);
                assertThat(cache.withdrawAll(exporter, domain, options)).isEqualTo(gone.size());
                withdrawn += gone.size();
            }
            assertThat(cache.size()).isEqualTo(model.size());
        }
        // Looked up only now: the cache's one-entry memo answers without refreshing an entry's age.
        for (Map.Entry<List<Object>, Template> e : new ArrayList<>(model.entrySet())) {
            assertThat(cache.get((IpAddress) e.getKey().get(0), (Long) e.getKey().get(1), (Integer) e.getKey().get(2)))
                    .isSameAs(e.getValue());
        }
        assertThat(withdrawn).as("withdraw-all removed templates").isGreaterThan(100);
        assertThat(cache.evictions()).isPositive();
    }
}
