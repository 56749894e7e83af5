package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairs one-directional NetFlow records with their reverse flow (the rules are in
 * {@link NetflowPairing}), whatever they were read from: nfdump CSV lines, nfdump's binary files
 * ({@link NfcapdParser}) or binary NetFlow/IPFIX export ({@link NetflowAttempts}). Each record waits, bounded, in the {@link AttemptQueue}.
 */
final class NetflowPairer {

    private final Map<NetflowHalf.Key, HalfSlot> unpaired = new HashMap<>();
    private long lastKnownStart = Timestamps.INVALID;

    /**
     * One parsed record of a supported protocol. A zero {@code start} means the exporter wrote no
     * time stamp: the nearest known time is borrowed.
     *
     * @param icmpType ICMP type and code for ICMP records (ports are then ignored), -1 otherwise
     */
    void offer(long start, long end, IpAddress src, IpAddress dst, Protocol protocol, int srcPort, int dstPort,
               int flags, long packets, int icmpType, int icmpCode, ReadContext ctx) {
        if (FlowRules.isMulticastOrBroadcast(dst)) {
            ctx.stats.skip(SkipReason.MULTICAST);
            return;
        }
        boolean v6 = !src.isV4();
        if (protocol == Protocol.ICMP && !FlowRules.isEchoRequest(icmpType, v6) && !FlowRules.isEchoReply(icmpType, v6)) {
            // Unreachables are answers; softflowd folds all of them into one flow per host pair, so they name no port.
            boolean error = icmpType == (v6 ? FlowRules.ICMP6_UNREACHABLE : FlowRules.ICMP_UNREACHABLE);
            ctx.stats.skip(error ? SkipReason.ANSWER_ONLY : SkipReason.OTHER_ICMP);
            return;
        }
        // softflowd's NetFlow v9 export sometimes carries a zero time stamp: borrow the nearest known time.
        boolean timeUnknown = start == 0;
        if (timeUnknown) {
            start = lastKnownStart;
            end = lastKnownStart;
        } else {
            if (lastKnownStart == Timestamps.INVALID) {
                ctx.queue.fillUnknownTimes(start);
            }
            lastKnownStart = start;
        }
        NetflowHalf half = new NetflowHalf(start, end, timeUnknown, src, dst, protocol, srcPort, dstPort, flags,
                packets, icmpType, icmpCode);
        add(half, ctx);
        ctx.queue.observe(timeUnknown ? Timestamps.INVALID : end);
    }

    private void add(NetflowHalf half, ReadContext ctx) {
        NetflowHalf.Key reverse = half.reverseKey();
        HalfSlot other = unpaired.get(reverse);
        if (other != null && !other.decided()
            && NetflowPairing.canPair(other.half, half)) {
            unpaired.remove(reverse);
            long delay = other.pairWith(half);
            if (other.decided() && delay >= 0) {
                ctx.queue.noteAnswerDelay(delay);
            }
            if (other.droppedRecords() == 0) {
                ctx.stats.skip(SkipReason.PAIRED_ANSWER);
            }
            return;
        }
        HalfSlot slot = new HalfSlot(half);
        NetflowHalf.Key key = half.key();
        unpaired.put(key, slot);
        slot.onRetire = () -> unpaired.remove(key, slot);
        ctx.queue.add(slot);
    }
}
