package dev.scanwatch.cli.eval;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scores a file's alerts against its truth row, by the rules of shared/traces/public/README.md. */
public final class Scorer {

    private Scorer() {
    }

    public static FileScore failed(TruthRow row, String why) {
        return score(row, List.of(), why);
    }

    public static FileScore score(TruthRow row, List<Alert> alerts) {
        return score(row, alerts, null);
    }

    private static FileScore score(TruthRow row, List<Alert> alerts, String failure) {
        List<IpAddress> detected = new ArrayList<>();
        List<IpAddress> missed = new ArrayList<>();
        List<IpAddress> wrongKind = new ArrayList<>();
        List<IpAddress> wrongTechnique = new ArrayList<>();
        Map<IpAddress, Long> detectedAfter = new LinkedHashMap<>();
        for (IpAddress attacker : row.attackers()) {
            List<Alert> own = alerts.stream().filter(a -> names(a, attacker)).toList();
            if (own.isEmpty()) {
                missed.add(attacker);
                continue;
            }
            detected.add(attacker);
            detectedAfter.put(attacker, own.stream().mapToLong(Alert::detectedAfter).min().orElseThrow());
            if (own.stream().noneMatch(a -> kindAccepted(row.kinds().get(attacker), a))) {
                wrongKind.add(attacker);
            }
            Set<String> seen = new HashSet<>();
            own.forEach(a -> a.techniques().stream().map(Technique::label).forEach(seen::add));
            boolean covered = row.techniques().getOrDefault(attacker, List.of()).stream()
                    .allMatch(item -> item.stream().anyMatch(seen::contains));
            if (!covered) {
                wrongTechnique.add(attacker);
            }
        }
        Set<IpAddress> falsePositives = new LinkedHashSet<>();
        for (Alert a : alerts) {
            // In decoy rows the decoys are expected among a distributed alert's sources.
            List<IpAddress> named = row.isDecoy() && a.kind() == ScanKind.DISTRIBUTED ? List.of() : a.sources();
            for (IpAddress s : named) {
                if (!row.attackers().contains(s) && isFalsePositive(row, s)) {
                    falsePositives.add(s);
                }
            }
        }
        return new FileScore(row, detected, missed, List.copyOf(falsePositives), wrongKind, wrongTechnique,
                detectedAfter, alerts.size(), failure);
    }

    private static boolean isFalsePositive(TruthRow row, IpAddress s) {
        if (row.notAttackers().contains(s)) {
            return true;
        }
        return !row.ignoreAll() && !row.ignore().contains(s);
    }

    private static boolean names(Alert a, IpAddress who) {
        return a.sources().contains(who);
    }

    private static boolean kindAccepted(Set<String> accepted, Alert a) {
        for (String k : accepted) {
            if (k.equals(a.kind().label()) || ("decoy".equals(k) && a.kind() == ScanKind.DISTRIBUTED)) {
                return true;
            }
        }
        return false;
    }
}
