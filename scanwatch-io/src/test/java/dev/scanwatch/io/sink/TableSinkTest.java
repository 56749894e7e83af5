package dev.scanwatch.io.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSinkTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Alert sweep(int id, String src, long targets) {
        IpAddress t = IpAddress.parse("192.0.2.1");
        return new Alert(id, AlertState.CLOSED, ScanKind.PORTSWEEP, Protocol.TCP, IpAddress.parse(src), List.of(), null,
                List.of(445), 1, List.of(), targets, t, t, 0, 1, targets, 0, targets, 0, 0, List.of(Technique.SYN),
                Direction.INBOUND, Severity.MEDIUM, 20, "[TCP-SWEEP] (total=" + targets + ",dp=445)", null);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void rowsAreHeldSoThatTheColumnsFitThemAll() {
        TableSink sink = new TableSink(out);
        sink.onAlert(sweep(1, "203.0.113.7", 20));
        sink.onAlert(sweep(2, "2001:db8::77", 12345));
        assertThat(bytes.size()).isZero();
        sink.close();
        assertThat(lines()).containsExactly(
                "KIND       PROTO  SOURCE        TARGETS  PORTS  ATTEMPTS  OPEN  CLOSED  FILTERED  UNKNOWN  TECHNIQUES  DIRECTION  SEVERITY",
                "portsweep  tcp    203.0.113.7   20       445    20        0     20      0         0        syn         inbound    medium",
                "  [TCP-SWEEP] (total=20,dp=445)",
                "portsweep  tcp    2001:db8::77  12345    445    12345     0     12345   0         0        syn         inbound    medium",
                "  [TCP-SWEEP] (total=12345,dp=445)",
                "2 alerts");
    }

    @Test
    void pastTheHeldRowsTheTableIsWrittenAsAlertsClose() {
        TableSink sink = new TableSink(out, 2);
        sink.onAlert(sweep(1, "203.0.113.7", 20));
        assertThat(bytes.size()).isZero();
        sink.onAlert(sweep(2, "203.0.113.8", 30));
        assertThat(lines()).hasSize(5).first().asString().startsWith("KIND ");
        sink.onAlert(sweep(3, "2001:db8::77", 12345)); // wider than the columns: its row is pushed right
        assertThat(lines()).hasSize(7);
        assertThat(lines().get(1)).startsWith("portsweep  tcp    203.0.113.7  20       445");
        assertThat(lines().get(5)).startsWith("portsweep  tcp    2001:db8::77  12345    445");
        sink.close();
        assertThat(lines()).hasSize(8).last().isEqualTo("3 alerts");
    }

    @Test
    void noAlertsSaySo() {
        new TableSink(out).close();
        assertThat(lines()).containsExactly("no scans found");
    }
}
