package dev.scanwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenCommandTest {

    private static final long UNIX = 1_700_000_000L;
    private static final int V5_HEADER = 24;
    private static final int V5_RECORD = 48;

    /** NetFlow v5: 10.9.0.1 SYN-probes ports 1..n of 10.9.0.2, each refused (RST-ACK): 2n records. */
    private static byte[] v5Scan(int n) {
        ByteBuffer b = ByteBuffer.allocate(V5_HEADER + 2 * n * V5_RECORD);
        b.putShort((short) 5).putShort((short) (2 * n)).putInt(10_000).putInt((int) UNIX).putInt(0).putInt(1)
                .putShort((short) 0).putShort((short) 0);
        for (int port = 1; port <= n; port++) {
            record(b, 0x0A090001, 0x0A090002, 40000, port, 0x02, 9_000 + port);
            record(b, 0x0A090002, 0x0A090001, port, 40000, 0x14, 9_000 + port);
        }
        return b.array();
    }

    private static void record(ByteBuffer b, int src, int dst, int sport, int dport, int flags, int uptime) {
        b.putInt(src).putInt(dst).putInt(0).putShort((short) 0).putShort((short) 0).putInt(1).putInt(40)
                .putInt(uptime).putInt(uptime).putShort((short) sport).putShort((short) dport).put((byte) 0)
                .put((byte) flags).put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0)
                .put((byte) 0).put((byte) 0).putShort((short) 0);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    @Test
    void streamsAlertEventsFromReceivedFlows() throws Exception {
        byte[] malformed = {0, 10, 0, 3}; // counted, not fatal
        Run run = listen(new byte[][] {malformed, v5Scan(20)}, "--json", "--max-seconds", "20");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"state\":\"open\"").contains("\"state\":\"closed\"")
                .contains("\"kind\":\"portscan\"").contains("\"src\":\"10.9.0.1\"");
        assertThat(run.err()).contains("2 datagrams", "40 records", "1 malformed", "socket drops");
    }

    @Test
    void tableLinesOnePerEvent() throws Exception {
        String table = listen(new byte[][] {v5Scan(20)}, "--max-seconds", "20").out();
        assertThat(table.lines().filter(l -> l.startsWith("open ")).count()).isEqualTo(1);
        assertThat(table.lines().filter(l -> l.startsWith("closed ")).count()).isEqualTo(1);
        assertThat(table).contains("[TCP-SCAN]").contains("10.9.0.1");
    }

    /** Runs {@code listen} on a free port with {@code options}, sends {@code datagrams}, waits for its exit. */
    private static Run listen(byte[][] datagrams, String... options) throws Exception {
        int port = freeUdpPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] args = Stream.concat(Stream.of("listen", "--netflow", "127.0.0.1:" + port, "--max-datagrams",
                Integer.toString(datagrams.length)), Stream.of(options)).toArray(String[]::new);
        Thread listener = new Thread(() -> exit.set(Main.run(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args)));
        listener.start();
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (DatagramChannel sender = DatagramChannel.open()) {
            for (int i = 0; i < 100 && listener.isAlive() && !err.toString(StandardCharsets.UTF_8).contains("listening"); i++) {
                Thread.sleep(50);
            }
            for (byte[] d : datagrams) {
                sender.send(ByteBuffer.wrap(d), to);
            }
        }
        listener.join(30_000);
        return new Run(exit.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void authorisedScannersAreHeldBackUnlessShowSuppressed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("scanwatch.toml");
        Files.writeString(config, "[false_positives]\nauthorised_scanners = [\"10.9.0.0/24\"]\n");
        Run held = listen(new byte[][] {v5Scan(20)}, "--json", "--max-seconds", "20", "--config", config.toString());
        assertThat(held.exit()).as(held.err()).isZero();
        assertThat(held.out()).isEmpty();
        assertThat(held.err()).contains("1 alert held back by false-positive exits (authorised: 10.9.0.1/tcp)")
                .contains("--show-suppressed prints them");

        Run shown = listen(new byte[][] {v5Scan(20)}, "--json", "--max-seconds", "20", "--config", config.toString(),
                "--show-suppressed");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("\"state\":\"closed\"").contains("\"suppressed_by\":\"authorised\"");
        assertThat(shown.err()).doesNotContain("held back");
    }

    @Test
    void badAddressIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), "listen", "--netflow", "example.org:2055");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a literal").doesNotContain("Exception");
    }

    @Test
    void parsesIpv4AndIpv6Addresses() {
        assertThat(ListenCommand.parseAddress("127.0.0.1:2055").getPort()).isEqualTo(2055);
        assertThat(ListenCommand.parseAddress("[::1]:4739").getAddress().getHostAddress()).contains(":");
    }
}
