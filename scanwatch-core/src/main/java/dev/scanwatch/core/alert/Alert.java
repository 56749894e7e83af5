package dev.scanwatch.core.alert;

import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

import java.util.List;

/**
 * One scan as the operator sees it: the DESIGN §6 alert contract as a value. Sinks render it
 * (JSON Lines, table); they never compute anything from the detectors' state.
 *
 * @param id            sequence number of the alert within one run, stable across its updates
 * @param src           the scanner; for {@link ScanKind#DISTRIBUTED}, the first of {@code srcs}
 * @param srcs          every source of a distributed scan (empty otherwise)
 * @param target        the victim of a distributed scan, or the one host of a port scan; else null
 * @param ports         destination ports probed, sorted, at most the configured number
 * @param portCount     how many distinct ports were probed in all
 * @param openPorts     ports found open, sorted (capped like {@code ports})
 * @param targets       distinct destination hosts
 * @param detectedAfter how many attempts of this source the detector had seen when it fired
 * @param suppressedBy  null for an alert to show; otherwise the false-positive exit that holds
 *                      it back ("p2p"), so sinks can count it instead of dropping it silently
 */
public record Alert(long id, AlertState state, ScanKind kind, Protocol protocol, IpAddress src, List<IpAddress> srcs,
                    IpAddress target, List<Integer> ports, int portCount, List<Integer> openPorts, long targets,
                    IpAddress targetMin, IpAddress targetMax, long firstNanos, long lastNanos, long attempts,
                    long open, long closed, long filtered, long unknown, List<Technique> techniques,
                    Direction direction, Severity severity, long detectedAfter, String summary,
                    String suppressedBy) {

    public Alert {
        srcs = List.copyOf(srcs);
        ports = List.copyOf(ports);
        openPorts = List.copyOf(openPorts);
        techniques = List.copyOf(techniques);
    }

    /**
     * Who scanned, as the contract names them: {@code srcs} for a distributed scan (which of its
     * sources is real cannot be told from the packets: nmap's decoys are byte-identical), the
     * one {@code src} otherwise.
     */
    public List<IpAddress> sources() {
        return kind == ScanKind.DISTRIBUTED ? srcs : List.of(src);
    }

    public boolean isSuppressed() {
        return suppressedBy != null;
    }

    public Alert withState(AlertState newState) {
        return new Alert(id, newState, kind, protocol, src, srcs, target, ports, portCount, openPorts, targets,
                targetMin, targetMax, firstNanos, lastNanos, attempts, open, closed, filtered, unknown, techniques,
                direction, severity, detectedAfter, summary, suppressedBy);
    }
}
