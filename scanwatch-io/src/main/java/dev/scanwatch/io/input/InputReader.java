package dev.scanwatch.io.input;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.io.capture.CaptureProblem;
import dev.scanwatch.io.capture.CaptureReader;
import dev.scanwatch.io.capture.PacketHandler;
import dev.scanwatch.io.flow.FlowFormat;
import dev.scanwatch.io.flow.FlowReader;
import dev.scanwatch.io.flow.NetflowAttempts;
import dev.scanwatch.io.netflow.ExportCaptureHandler;
import dev.scanwatch.io.netflow.ExportPorts;
import dev.scanwatch.io.netflow.ExportDetector;
import dev.scanwatch.io.netflow.NetflowDecoder;
import dev.scanwatch.io.netflow.RecordsToAttempts;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads any input scanwatch understands, recognised from its content (gzip or not): packet
 * captures go to the packet handler, flow logs to the attempt consumer. A capture of NetFlow/IPFIX
 * export (recognised while it is read by {@link ExportDetector}'s rule, or because export ports
 * were named) has its export datagrams decoded into attempts; its other packets still go to the
 * packet handler.
 *
 * <p>A stream (stdin) that starts with a capture's magic is read from its first packet: nothing
 * waits for a look-ahead, so a quiet live capture's first alert is not held back. Other streams
 * are recognised from their first {@value #SNIFF_BYTES} bytes (or their end).
 */
public final class InputReader {

    /** Enough of the start of a file to recognise every format, headers and first rows included. */
    static final int SNIFF_BYTES = 64 * 1024;
    /** What tells a capture (pcap or pcapng) from anything else. */
    private static final int CAPTURE_MAGIC_BYTES = 4;
    private static final int GZIP_MAGIC_BYTES = 2;
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    /**
     * What reading one input gave.
     *
     * @param count   frames (captures) or records (flow logs) read
     * @param problem why reading stopped early, or null
     */
    public record Result(String source, String format, long count, String stats, CaptureProblem problem) {
    }

    private InputReader() {
    }

    /**
     * @param forced the format the user named, or null to recognise it
     */
    public static Result read(Path file, InputFormat forced, PacketHandler packets, Consumer<Attempt> attempts)
            throws IOException {
        return read(file, forced, ExportPorts.known(), packets, attempts);
    }

    /**
     * @param forced the format the user named, or null to recognise it
     * @param export UDP ports of flow export inside captures (--netflow-port)
     */
    public static Result read(Path file, InputFormat forced, ExportPorts export, PacketHandler packets,
                              Consumer<Attempt> attempts) throws IOException {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new IOException(source + ": no such file", new NoSuchFileException(source));
        }
        Head head = forced != null && forced.isCapture() ? new Head(forced, false) : null;
        if (head == null) {
            try (InputStream raw = Files.newInputStream(file)) {
                head = sniff(raw, forced);
            } catch (IOException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
        }
        if (head.format().isCapture()) {
            return capture(source, export, packets, attempts, h -> CaptureReader.read(file, h));
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), SNIFF_BYTES)) {
            return flow(source, head.gzip() ? new GZIPInputStream(raw) : raw, head.format().flow(), head.gzip(),
                    attempts);
        }
    }

    /** Reads a stream (stdin: source "-"); it is not closed. */
    public static Result read(String source, InputStream in, InputFormat forced, PacketHandler packets,
                              Consumer<Attempt> attempts) throws IOException {
        return read(source, in, forced, ExportPorts.known(), packets, attempts);
    }

    /** Reads a stream (stdin: source "-"), with flow export inside captures on {@code export}'s ports. */
    public static Result read(String source, InputStream in, InputFormat forced, ExportPorts export,
                              PacketHandler packets, Consumer<Attempt> attempts) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 2 * SNIFF_BYTES);
        buffered.mark(SNIFF_BYTES + 1);
        Head head;
        if (forced != null ? forced.isCapture() : startsWithCaptureMagic(buffered)) {
            head = new Head(InputFormat.CAPTURE, false); // the capture reader tells gzip itself
        } else {
            buffered.reset();
            head = sniff(buffered, forced);
        }
        buffered.reset();
        if (head.format().isCapture()) {
            return capture(source, export, packets, attempts, h -> CaptureReader.read(source, buffered, h));
        }
        return flow(source, head.gzip() ? new GZIPInputStream(buffered) : buffered, head.format().flow(), head.gzip(),
                attempts);
    }

    /** What the start of an input says: its format (the one named, if any) and whether it is gzipped. */
    private record Head(InputFormat format, boolean gzip) {
    }

    /**
     * Reads the start of an input: 2 bytes when the format is named (only gzip is left to tell),
     * else {@value #SNIFF_BYTES} (or to its end) to recognise the format from.
     */
    private static Head sniff(InputStream in, InputFormat forced) throws IOException {
        byte[] head = in.readNBytes(forced != null ? GZIP_MAGIC_BYTES : SNIFF_BYTES);
        boolean gzip = isGzip(head);
        return new Head(forced != null ? forced : recognise(gzip ? gunzipHead(head) : head), gzip);
    }

    /** How a capture is opened, given the handler (so files and streams share {@link #capture}). */
    @FunctionalInterface
    private interface CaptureOpener {
        CaptureReader.ReadResult read(PacketHandler handler) throws IOException;
    }

    /**
     * A capture: packets to the packet handler; if it holds NetFlow/IPFIX export (decided while it
     * is read), the export datagrams become attempts through the NetFlow pairing instead.
     */
    private static Result capture(String source, ExportPorts export, PacketHandler packets,
                                  Consumer<Attempt> attempts, CaptureOpener opener) throws IOException {
        NetflowAttempts flows = new NetflowAttempts(source, FlowReader.DEFAULT_RESPONSE_TIMEOUT, attempts);
        NetflowDecoder decoder = new NetflowDecoder(new RecordsToAttempts(flows));
        ExportDetector handler = new ExportDetector(packets, export, new ExportCaptureHandler(packets, export, decoder));
        CaptureReader.ReadResult r = opener.read(handler);
        handler.finish();
        if (!handler.isExport()) {
            return new Result(source, r.format(), r.stats().frames(), r.stats().describe(), r.problem());
        }
        flows.finish();
        String stats = r.stats().describe() + "; flow export on ports " + export + ": " + decoder.stats().describe()
                       + "; " + flows.records() + " flow records, " + flows.attempts() + " attempts; skipped: "
                       + flows.skipped().describe();
        for (String line : decoder.stats().describeExporters()) {
            stats += "; exporter " + line;
        }
        return new Result(source, r.format() + "+netflow", r.stats().frames(), stats, r.problem());
    }

    private static Result flow(String source, InputStream in, FlowFormat format, boolean gzip,
                               Consumer<Attempt> attempts) throws IOException {
        FlowReader.Result r = FlowReader.read(source, in, format, attempts);
        String stats = r.records() + " records, " + r.attempts() + " attempts; skipped: " + r.skipped().describe();
        return new Result(source, format.label() + (gzip ? "+gzip" : ""), r.records(), stats, r.problem());
    }

    /** A capture by its magic, else a flow log by its header, else a capture (whose reader says what is wrong). */
    static InputFormat recognise(byte[] head) {
        if (head.length >= CAPTURE_MAGIC_BYTES && isCaptureMagic(head)) {
            return InputFormat.CAPTURE;
        }
        FlowFormat flow = FlowReader.detect(head, head.length);
        return flow == null ? InputFormat.CAPTURE : new InputFormat(flow);
    }

    private static boolean startsWithCaptureMagic(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(CAPTURE_MAGIC_BYTES);
        return magic.length == CAPTURE_MAGIC_BYTES && isCaptureMagic(magic);
    }

    private static boolean isCaptureMagic(byte[] h) {
        int be = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        int le = Integer.reverseBytes(be);
        for (int magic : new int[] {0xa1b2c3d4, 0xa1b23c4d, 0x0a0d0d0a}) {
            if (be == magic || le == magic) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == GZIP_MAGIC_0 && (head[1] & 0xff) == GZIP_MAGIC_1;
    }

    /** As much of the decompressed start as the compressed head gives (it may end mid-stream). */
    private static byte[] gunzipHead(byte[] head) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
            byte[] buf = new byte[8192];
            int r;
            while (out.size() < SNIFF_BYTES && (r = in.read(buf)) > 0) {
                out.write(buf, 0, r);
            }
        } catch (IOException e) {
            // A truncated stream still gave its first bytes, which is all recognition needs.
        }
        return out.toByteArray();
    }
}
