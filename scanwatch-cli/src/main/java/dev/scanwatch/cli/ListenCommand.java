package dev.scanwatch.cli;

import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.io.netflow.NetflowCollector;
import dev.scanwatch.io.sink.AlertSink;
import dev.scanwatch.io.sink.JsonLinesSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code scanwatch listen --netflow ADDRESS:PORT}: a NetFlow v5/v9 and IPFIX collector feeding the
 * detection core, alert events streamed as they open, update and close.
 */
@Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receives NetFlow v5/v9 and IPFIX export over UDP and reports port sweeps and scans as they "
                       + "happen: one line (or JSON object, with its state) per alert event.",
                       "Event time comes from the flow records; while no datagram arrives it moves on with the "
                       + "wall clock, so idle alerts still close. Counters go to stderr at exit and on SIGUSR1."},
        footer = {"", "Exit status: 0 after a clean stop (limit reached, interrupt), 1 when the address cannot be "
                      + "bound, 2 for a bad command line."})
final class ListenCommand implements Callable<Integer> {

    static final int DEFAULT_STATS_EVERY_WITHOUT_SIGNAL = 60;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--netflow", required = true, paramLabel = "ADDRESS:PORT",
            description = "UDP address to receive export on, e.g. 127.0.0.1:2055 or [::1]:4739.")
    String netflow;

    @Option(names = "--json", description = "Write JSON Lines (the alert contract, with state open/updated/closed).")
    boolean json;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Mixin
    SuppressedOption suppressed = new SuppressedOption();

    @Option(names = "--max-seconds", paramLabel = "N", description = "Stop after N seconds (0: run until stopped).")
    long maxSeconds;

    @Option(names = "--max-datagrams", paramLabel = "N", description = "Stop after N datagrams (0: no limit).")
    long maxDatagrams;

    @Option(names = "--stats-every", paramLabel = "SECONDS", description = "Print the counters to stderr every "
            + "SECONDS (0: only at exit and on SIGUSR1; where SIGUSR1 cannot be caught, every "
            + DEFAULT_STATS_EVERY_WITHOUT_SIGNAL + " s).")
    long statsEvery;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DetectionOptions.Configs configs;
        InetSocketAddress bind;
        try {
            configs = detection.build();
            bind = parseAddress(netflow);
            if (maxSeconds < 0 || maxDatagrams < 0 || statsEvery < 0) {
                throw new IllegalArgumentException("--max-seconds, --max-datagrams and --stats-every cannot be negative");
            }
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("scanwatch listen: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        AlertSink sink = json ? new JsonLinesSink(main.out) : new EventLineSink(main.out);
        AlertSelection selection = new AlertSelection(sink, true, suppressed.show);
        Pipeline pipeline = new Pipeline(configs.tracker(), configs.detector(), selection);
        NetflowCollector collector;
        try {
            collector = new NetflowCollector(bind, configs.tracker().responseTimeout(), pipeline::onAttempt);
        } catch (IOException e) {
            err.println("scanwatch listen: cannot listen on " + netflow + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
        AtomicBoolean statsRequested = new AtomicBoolean();
        long every = statsEvery;
        if (!StatsSignal.install(statsRequested::set) && every == 0) {
            every = DEFAULT_STATS_EVERY_WITHOUT_SIGNAL;
        }
        err.println("scanwatch: listening for NetFlow/IPFIX on " + collector.localAddress());
        err.flush();
        long everyNanos = Duration.ofSeconds(every).toNanos();
        long[] nextStats = {System.nanoTime() + everyNanos};
        try (collector) {
            collector.run(new NetflowCollector.Limits(Duration.ofSeconds(maxSeconds), maxDatagrams, null),
                    (eventNanos, idle) -> {
                        if (idle && eventNanos > 0) {
                            pipeline.advanceTo(eventNanos); // the edge's idle clock; see NetflowCollector
                        }
                        boolean periodic = everyNanos > 0 && System.nanoTime() >= nextStats[0];
                        if (statsRequested.getAndSet(false) || periodic) {
                            nextStats[0] = System.nanoTime() + everyNanos;
                            err.println("scanwatch: " + collector.describe());
                            selection.printSuppressed(err);
                            err.flush();
                        }
                    });
            collector.finish();
            pipeline.finish();
            sink.close();
            err.println("scanwatch: " + collector.describe());
            for (String line : collector.stats().describeExporters()) {
                err.println("scanwatch: exporter " + line);
            }
            err.println("scanwatch: detector: " + pipeline.describeDetector());
            selection.printSuppressed(err);
        } catch (IOException e) {
            err.println("scanwatch listen: " + e.getMessage());
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** "127.0.0.1:2055", "[::1]:2055", or ":2055" (every IPv4 address). Literal addresses only: no DNS. */
    static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--netflow wants ADDRESS:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--netflow: not a port in '" + text + "'");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("--netflow: port out of range in '" + text + "'");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        if (!host.matches("[0-9a-fA-F:.%]+")) {
            throw new IllegalArgumentException("--netflow: '" + host + "' is not a literal IPv4 or IPv6 address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--netflow: '" + host + "' is not an address");
        }
    }
}
