package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-source unit, as a keyed stream holds it: state survives serialisation mid-scan. */
class SourceActivityTest {

    private final DetectorConfig config = DetectorConfig.defaults();
    private final AtomicLong ids = new AtomicLong(7);

    private static Attempt probe(int i) {
        return new Attempt(i, IpAddress.parse("203.0.113.9"), IpAddress.parse("198.51.100." + i), Protocol.TCP, 445,
                40000, Technique.SYN, Outcome.FILTERED);
    }

    @Test
    void firesOnceUpdatesAtLevelsAndSurvivesSerialisation() throws Exception {
        SourceActivity s = new SourceActivity(IpAddress.parse("203.0.113.9"), Protocol.TCP, false);
        assertThat(s.offer(probe(1), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(2), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(3), config, ids::getAndIncrement)).isNull();
        assertThat(s.offer(probe(4), config, ids::getAndIncrement)).isEqualTo(AlertState.OPEN);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        SourceActivity restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (SourceActivity) in.readObject();
        }
        AlertState last = null;
        for (int i = 5; i <= 20; i++) {
            AlertState e = restored.offer(probe(i), config, ids::getAndIncrement);
            last = e == null ? last : e;
        }
        assertThat(last).isEqualTo(AlertState.UPDATED); // the 20-attempt level
        Alert a = restored.alert(AlertState.CLOSED, config);
        assertThat(a.id()).isEqualTo(7);
        assertThat(a.kind()).isEqualTo(ScanKind.PORTSWEEP);
        assertThat(a.attempts()).isEqualTo(20);
        assertThat(a.targets()).isEqualTo(20);
        assertThat(a.detectedAfter()).isEqualTo(4);
    }
}
