package dev.scanwatch.cli;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.io.capture.PacketHandler;
import dev.scanwatch.io.input.InputFormat;
import dev.scanwatch.io.input.InputReader;
import dev.scanwatch.io.netflow.ExportPorts;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** How inputs are read, for every command that reads them: the format, NetFlow ports, stdin or a file. */
final class InputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", description = "Read every input as this format instead of "
            + "recognising it from its content: pcap (or pcapng), zeek-conn, zeek-conn-json, argus-csv, nfdump-csv, "
            + "nfcapd (nfdump's binary files), cicflowmeter-csv.")
    String format;

    @Option(names = "--netflow-port", paramLabel = "PORT", description = "Read UDP datagrams to this port in a "
            + "capture as NetFlow v5/v9 or IPFIX export (repeatable). Without it, export to 2055, 9995, 9996 or 4739 "
            + "is recognised in the capture's first UDP packets.")
    List<Integer> netflowPorts = new ArrayList<>();

    private InputFormat forced;
    private ExportPorts export;

    /** Checks the options; IllegalArgumentException says what is wrong, for a usage error. */
    void validate() {
        forced = format == null ? null : InputFormat.byName(format);
        try {
            export = ExportPorts.withExtra(netflowPorts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--netflow-port: " + e.getMessage(), e);
        }
    }

    /** Reads a file, or stdin for "-", with these options (after {@link #validate()}). */
    InputReader.Result read(String file, InputStream stdin, PacketHandler packets, Consumer<Attempt> attempts)
            throws IOException {
        return "-".equals(file)
                ? InputReader.read("-", stdin, forced, export, packets, attempts)
                : InputReader.read(Path.of(file), forced, export, packets, attempts);
    }

    /** Reads a stream that stands for {@code source} (a counted file, say) with these options. */
    InputReader.Result readStream(String source, InputStream in, PacketHandler packets, Consumer<Attempt> attempts)
            throws IOException {
        return InputReader.read(source, in, forced, export, packets, attempts);
    }
}
