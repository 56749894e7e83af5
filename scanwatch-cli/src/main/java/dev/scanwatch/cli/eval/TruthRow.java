package dev.scanwatch.cli.eval;

import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One labelled file of a truth.tsv (see shared/traces/public/README.md).
 *
 * @param kinds         per attacker, the accepted kinds (a row's single kind applies to all)
 * @param techniques    per attacker, the required technique items, each a set of alternatives;
 *                      empty when not scored
 * @param notAttackers  sources that must not be alerted
 * @param ignoreAll     '*': any source not listed is ignored
 * @param ignore        sources whose alerts count neither way
 */
public record TruthRow(String file, String format, List<IpAddress> attackers, Map<IpAddress, Set<String>> kinds,
                       Map<IpAddress, List<Set<String>>> techniques, CidrSet notAttackers, boolean ignoreAll,
                       CidrSet ignore, String trust, String notes) {

    public boolean isDecoy() {
        return kinds.values().stream().anyMatch(k -> k.contains("decoy"));
    }

    public boolean isScored() {
        return !attackers.isEmpty() || !notAttackers.isEmpty() || !ignoreAll;
    }
}
