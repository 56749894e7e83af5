package dev.scanwatch.core.detect;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.alert.PortLists;
import dev.scanwatch.core.alert.SummaryLine;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;

import java.util.ArrayList;
import java.util.List;

/** Turns a source's evidence into the alert contract's value, with direction and severity. */
final class AlertFactory {

    private final DetectorConfig config;

    AlertFactory(DetectorConfig config) {
        this.config = config;
    }

    Alert of(SourceActivity s, AlertState state) {
        ScanKind kind = ScanRules.kindOf(s, config);
        List<Integer> ports = s.protocol().hasPorts() ? PortLists.firstSorted(s.portsReached(), config.maxListedPorts()) : List.of();
        List<Integer> openPorts = s.protocol().hasPorts()
                ? PortLists.firstSorted(s.openPorts, config.maxListedPorts()) : List.of();
        List<Technique> techniques = new ArrayList<>();
        for (Technique t : Technique.values()) {
            if (s.has(t)) {
                techniques.add(t);
            }
        }
        boolean srcHome = config.homeNets().contains(s.key.src());
        // A port scan goes where its scanned host is; anything else where most of its targets are.
        boolean dstHome = kind == ScanKind.PORTSCAN && s.deepestHost != null
                ? config.homeNets().contains(s.deepestHost) : s.homeTargets * 2 > s.targets();
        Direction direction = Direction.of(srcHome, dstHome);
        int portCount = s.protocol().hasPorts() ? s.portCount() : 0;
        String summary = SummaryLine.of(kind, s.protocol(), s.attempts, ports, portCount, s.targetMin, s.targetMax,
                s.firstNanos, s.lastNanos);
        return new Alert(s.alertId, state, kind, s.protocol(), s.key.src(), List.of(),
                kind == ScanKind.PORTSCAN ? s.deepestHost : null, ports, portCount, openPorts, s.targets(),
                s.targetMin, s.targetMax, s.firstNanos, s.lastNanos, s.attempts, s.count(Outcome.OPEN),
                s.count(Outcome.CLOSED), s.count(Outcome.FILTERED), s.count(Outcome.UNKNOWN), techniques, direction,
                severity(s, direction), s.detectedAfter, summary, suppression(s));
    }

    /** The false-positive exit that holds this alert back, if any: the operator's word first. */
    private String suppression(SourceActivity s) {
        if (config.exits().isAuthorised(s.key.src())) {
            return "authorised";
        }
        return s.peers() >= config.p2pMinPeers() ? "p2p" : null;
    }

    /**
     * Severity rises with the escalation levels (below the second: low; below the third: medium;
     * beyond: high) and one step more for outbound scans: a home host probing others is the
     * compromised machine the upstream will block. Outbound scans of public addresses are high
     * at once: that is what the abuse reports are about.
     */
    private Severity severity(SourceActivity s, Direction direction) {
        if (direction == Direction.OUTBOUND && s.publicTargets * 2 >= s.targets()) {
            return Severity.HIGH;
        }
        long attempts = s.attempts;
        List<Integer> levels = config.escalationLevels();
        int rank = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (attempts >= levels.get(i)) {
                rank++;
            }
        }
        if (direction == Direction.OUTBOUND) {
            rank++;
        }
        return rank <= 0 ? Severity.LOW : rank == 1 ? Severity.MEDIUM : Severity.HIGH;
    }
}
