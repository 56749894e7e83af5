package dev.scanwatch.io.netflow;

import java.nio.ByteBuffer;

/**
 * Whether a UDP payload starts like flow export: a NetFlow v5 header whose count matches the
 * length, a v9 or IPFIX header followed by a plausible first set, or an sFlow datagram. Used to
 * recognise export inside a capture; the decoder itself checks everything again.
 */
public final class ExportHeaders {

    private static final int V5_MAX_COUNT = 30;
    private static final int SFLOW_MIN = 28;

    private ExportHeaders() {
    }

    /** True for a datagram that is NetFlow v5/v9, IPFIX or sFlow; {@code buf} is read big-endian by absolute index. */
    public static boolean looksLikeExport(ByteBuffer buf, int offset, int length) {
        if (length < 4) {
            return false;
        }
        if (NetflowDecoder.isSflow(buf, offset, length)) {
            return length >= SFLOW_MIN;
        }
        int version = buf.getShort(offset) & 0xFFFF;
        switch (version) {
            case NetflowDecoder.V5: {
                int count = buf.getShort(offset + 2) & 0xFFFF;
                return count >= 1 && count <= V5_MAX_COUNT
                       && length == NetflowDecoder.V5_HEADER + count * NetflowDecoder.V5_RECORD;
            }
            case NetflowDecoder.V9:
                return firstSetPlausible(buf, offset + NetflowDecoder.V9_HEADER, offset + length, false);
            case NetflowDecoder.IPFIX: {
                int messageLength = buf.getShort(offset + 2) & 0xFFFF;
                return messageLength == length
                       && firstSetPlausible(buf, offset + NetflowDecoder.IPFIX_HEADER, offset + length, true);
            }
            default:
                return false;
        }
    }

    private static boolean firstSetPlausible(ByteBuffer buf, int at, int end, boolean ipfix) {
        if (end - at < NetflowDecoder.SET_HEADER) {
            return false;
        }
        int id = buf.getShort(at) & 0xFFFF;
        int length = buf.getShort(at + 2) & 0xFFFF;
        boolean idOk = id >= TemplateSets.MIN_DATA_SET_ID
                       || (ipfix ? id == TemplateSets.IPFIX_TEMPLATE_SET || id == TemplateSets.IPFIX_OPTIONS_SET
                                 : id == TemplateSets.V9_TEMPLATE_SET || id == TemplateSets.V9_OPTIONS_SET);
        return idOk && length >= NetflowDecoder.SET_HEADER && length <= end - at;
    }
}
