package dev.scanwatch.cli.eval;

import dev.scanwatch.core.net.IpAddress;

import java.util.List;
import java.util.Map;

/**
 * How one file's alerts compare with its truth row.
 *
 * @param detectedAfter per detected attacker, the smallest {@code detected_after} of its alerts
 * @param failure       why the file could not be analysed, or null
 */
public record FileScore(TruthRow row, List<IpAddress> detected, List<IpAddress> missed,
                        List<IpAddress> falsePositives, List<IpAddress> wrongKind, List<IpAddress> wrongTechnique,
                        Map<IpAddress, Long> detectedAfter, int alerts, String failure) {
}
