package dev.scanwatch.io.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a classic pcap (µs or ns, either byte order) or pcapng capture, optionally gzipped, and
 * hands every decoded IP packet to a {@link PacketHandler}. The format is detected from the
 * content, never from the file name.
 *
 * <p>Damaged or truncated data never throws: reading stops at the first bad record or block and
 * the result carries a {@link CaptureProblem}; everything before it has already been handed on.
 * Only real I/O failures throw, with the source named in the message.
 */
public final class CaptureReader {

    /**
     * The outcome of reading one capture.
     *
     * @param source the file name as given ("-" for stdin)
     * @param format "pcap", "pcap-ns" or "pcapng", with "+gzip" when compressed; "unknown" when
     *     the content is not a capture
     * @param problem null when the capture was read to its clean end
     */
    public record ReadResult(String source, String format, CaptureStats stats, CaptureProblem problem) {
        /** True when the capture was read to its clean end. */
        public boolean complete() {
            return problem == null;
        }
    }

    static final int GZIP_MAGIC = 0x1F8B;
    private static final int GZIP_MAGIC_LENGTH = 2;
    private static final int CAPTURE_MAGIC_LENGTH = 4;
    private static final int GZIP_BUFFER = 64 * 1024;
    private static final String UNKNOWN_FORMAT = "unknown";
    private static final String GZIP_SUFFIX = "+gzip";

    private CaptureReader() {
    }

    /** Reads a capture file. */
    public static ReadResult read(Path file, PacketHandler handler) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(GZIP_MAGIC_LENGTH);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // positional reads leave the channel at offset 0 for the parser
            }
            boolean gzip = head.position() == GZIP_MAGIC_LENGTH && (head.getShort(0) & 0xFFFF) == GZIP_MAGIC;
            if (!gzip) {
                return parse(source, channel, "", handler);
            }
            return parseGzip(source, Channels.newInputStream(channel), handler);
        } catch (IOException e) {
            throw named(source, e);
        }
    }

    /** Reads a capture from a stream (e.g. stdin, with source "-"); the stream is not closed. */
    public static ReadResult read(String sourceName, InputStream in, PacketHandler handler) throws IOException {
        try {
            PushbackInputStream stream = new PushbackInputStream(in, GZIP_MAGIC_LENGTH);
            byte[] head = stream.readNBytes(GZIP_MAGIC_LENGTH);
            stream.unread(head);
            boolean gzip = head.length == GZIP_MAGIC_LENGTH
                    && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) == GZIP_MAGIC;
            if (!gzip) {
                return parse(sourceName, new StreamChannel(stream), "", handler);
            }
            return parseGzip(sourceName, stream, handler);
        } catch (IOException e) {
            throw named(sourceName, e);
        }
    }

    private static ReadResult parseGzip(String source, InputStream compressed, PacketHandler handler)
            throws IOException {
        GZIPInputStream gunzip;
        try {
            gunzip = new GZIPInputStream(compressed, GZIP_BUFFER);
        } catch (ZipException | EOFException e) {
            CaptureProblem problem = new CaptureProblem(source, 0,
                    "corrupt gzip header" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            return new ReadResult(source, UNKNOWN_FORMAT + GZIP_SUFFIX, new CaptureStats(), problem);
        }
        // GZIPInputStream reads concatenated members on its own, as gzip(1) does.
        return parse(source, new StreamChannel(gunzip), GZIP_SUFFIX, handler);
    }

    private static ReadResult parse(String source, ReadableByteChannel channel, String suffix, PacketHandler handler)
            throws IOException {
        CaptureStats stats = new CaptureStats();
        InputWindow in = new InputWindow(channel);
        FrameSink sink = new FrameSink(handler, stats);
        CaptureParser parser;
        try {
            if (!in.request(CAPTURE_MAGIC_LENGTH)) {
                int n = in.available();
                String message = n == 0 ? "empty file" : "too short for a capture file header: " + n + " bytes";
                return new ReadResult(source, UNKNOWN_FORMAT + suffix, stats, new CaptureProblem(source, 0, message));
            }
            parser = parserFor(in.buffer().getInt(in.position()), in, sink, source);
        } catch (CorruptStreamException e) {
            return new ReadResult(source, UNKNOWN_FORMAT + suffix, stats, new CaptureProblem(source, 0, e.getMessage()));
        }
        if (parser == null) {
            String message = String.format("not a pcap or pcapng capture (magic 0x%08x)", in.buffer().getInt(in.position()));
            return new ReadResult(source, UNKNOWN_FORMAT + suffix, stats, new CaptureProblem(source, 0, message));
        }
        CaptureProblem problem = parser.run();
        return new ReadResult(source, parser.format() + suffix, stats, problem);
    }

    /** The parser for a capture starting with {@code magic} (read big-endian), or null. */
    private static CaptureParser parserFor(int magic, InputWindow in, FrameSink sink, String source) {
        if (magic == PcapParser.MAGIC_MICROS || magic == Integer.reverseBytes(PcapParser.MAGIC_MICROS)) {
            return new PcapParser(in, sink, source, magic != PcapParser.MAGIC_MICROS, false);
        }
        if (magic == PcapParser.MAGIC_NANOS || magic == Integer.reverseBytes(PcapParser.MAGIC_NANOS)) {
            return new PcapParser(in, sink, source, magic != PcapParser.MAGIC_NANOS, true);
        }
        if (magic == PcapngParser.SECTION_HEADER) {
            return new PcapngParser(in, sink, source);
        }
        return null;
    }

    /** An I/O failure whose message starts with the source, so the CLI can print it as is. */
    private static IOException named(String source, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new IOException(source + ": " + reason, e);
    }
}
