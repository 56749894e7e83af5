package dev.scanwatch.io.flow;

import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.bzip2.BZip2HadoopStreams;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * nfdump's BZ2 blocks (written by {@code nfcapd -j} or {@code nfdump -j}): each block is one
 * whole bzip2 stream, as libbz2 makes it. aircompressor has bzip2 only as a stream, so this
 * gives it the block-at-a-time shape of its other decompressors.
 */
final class Bzip2Decompressor implements Decompressor {

    private final BZip2HadoopStreams streams = new BZip2HadoopStreams();

    @Override
    public int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
                          int maxOutputLength) {
        try (InputStream in = streams.createInputStream(new ByteArrayInputStream(input, inputOffset, inputLength))) {
            int length = in.readNBytes(output, outputOffset, maxOutputLength);
            if (length == maxOutputLength && in.read() >= 0) {
                throw new MalformedInputException(inputOffset, "block inflates past " + maxOutputLength + " bytes");
            }
            return length;
        } catch (IOException e) {
            throw new MalformedInputException(inputOffset, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void decompress(ByteBuffer input, ByteBuffer output) {
        byte[] in = new byte[input.remaining()];
        input.get(in);
        byte[] out = new byte[output.remaining()];
        int length = decompress(in, 0, in.length, out, 0, out.length);
        output.put(out, 0, length);
    }
}
