package dev.scanwatch.cli;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external flow tools of {@link ToolEquivalenceTest}: found on PATH or in the sbin
 * directories Debian puts argus and softflowd in, started with {@link ProcessBuilder}, bounded
 * by a timeout and destroyed through their own {@link Process} handle. Only 127.0.0.1 is used.
 */
final class ToolRunner {

    /** One tool run on a small capture takes well under a second (argus about one). */
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    /** How long nfcapd may take to bind its socket, and to read what softflowd sent before it is stopped. */
    private static final Duration COLLECTOR_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    /** After the socket queue is empty, nfcapd still has to process the last datagram it took. */
    private static final long SETTLE_MILLIS = 300;
    /** Where Debian installs argus and softflowd; a non-root PATH may lack them. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Path PROC_NET_UDP = Path.of("/proc/net/udp");
    private static final int NETFLOW_VERSION = 5; // v5 carries real start times; softflowd's v9 can leave them 0

    private ToolRunner() {
    }

    /** The program's path, or null when it is not installed. */
    static String find(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SBIN);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /**
     * Runs a command to completion; its output goes to {@code stdout} (or is discarded), its
     * error output into the failure message. TZ=UTC: ra and nfdump print local time, which the
     * readers take as UTC.
     */
    static void run(List<String> command, Path stdout, Duration timeout) throws IOException, InterruptedException {
        Path err = Files.createTempFile("scanwatch-tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile())
                    .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
            pb.environment().put("TZ", "UTC");
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(command.get(0) + " did not finish within " + timeout + ": " + command);
                }
                if (p.exitValue() != 0) {
                    throw new IOException(command + " exited with " + p.exitValue() + ": " + Files.readString(err));
                }
            } finally {
                stop(p);
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /**
     * NetFlow the old way, for an nfdump without nfpcapd: nfcapd collects on an ephemeral port of
     * 127.0.0.1, softflowd replays the capture to it (-a: the capture's own clock), nfcapd is
     * stopped once it has read every datagram, and writes its file as it exits.
     */
    static void softflowdToNfcapd(Path pcap, Path dir, Path scratch) throws IOException, InterruptedException {
        int port = freeUdpPort();
        Path log = Files.createTempFile(scratch, "nfcapd", ".log");
        ProcessBuilder collector = new ProcessBuilder(find("nfcapd"), "-b", LOOPBACK, "-p", Integer.toString(port),
                "-w", dir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        collector.environment().put("TZ", "UTC");
        Process nfcapd = collector.start();
        try {
            awaitBound(port, nfcapd);
            run(List.of(find("softflowd"), "-d", "-a", "-c", "none", "-p", scratch.resolve("softflowd-" + port + ".pid").toString(),
                    "-v", Integer.toString(NETFLOW_VERSION), "-r", pcap.toString(), "-n", LOOPBACK + ":" + port),
                    null, TOOL_TIMEOUT);
            awaitDrained(port);
            Thread.sleep(SETTLE_MILLIS);
            nfcapd.destroy(); // SIGTERM: nfcapd flushes and closes its file
            if (!nfcapd.waitFor(COLLECTOR_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("nfcapd did not stop within " + COLLECTOR_WAIT + ": " + Files.readString(log));
            }
        } finally {
            stop(nfcapd);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(COLLECTOR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static int freeUdpPort() throws SocketException, IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0))) {
            return s.getLocalPort();
        }
    }

    /** Waits until the collector holds the port: binding it ourselves then fails. */
    private static void awaitBound(int port, Process collector) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + COLLECTOR_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!collector.isAlive()) {
                throw new IOException("nfcapd exited with " + collector.exitValue() + " before listening on " + port);
            }
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port))) {
                // still free: nfcapd has not bound it yet
            } catch (BindException e) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("nfcapd did not listen on 127.0.0.1:" + port + " within " + COLLECTOR_WAIT);
    }

    /** Waits until the kernel's receive queue of the port is empty (/proc/net/udp), or a bounded while. */
    private static void awaitDrained(int port) throws IOException, InterruptedException {
        if (!Files.isReadable(PROC_NET_UDP)) {
            Thread.sleep(COLLECTOR_WAIT.toMillis() / 10);
            return;
        }
        String local = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + COLLECTOR_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean queued = false;
            for (String line : Files.readAllLines(PROC_NET_UDP)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue ...
                if (f.length > 4 && f[1].endsWith(local)) {
                    String rx = f[4].substring(f[4].indexOf(':') + 1);
                    queued |= Long.parseLong(rx, 16) > 0;
                }
            }
            if (!queued) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
