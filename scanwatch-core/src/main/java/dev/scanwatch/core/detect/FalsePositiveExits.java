package dev.scanwatch.core.detect;

import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;

import java.util.List;

/**
 * The operator's own exits, besides the ones the detectors infer (peer-to-peer, backscatter,
 * answers from other ports): nothing that an exit removes is dropped silently, it is counted.
 *
 * @param allowSources        sources whose attempts are no evidence at all (monitoring probes)
 * @param allowDestinations   destinations whose first contacts are no evidence
 * @param authorisedScanners  sources whose scans are expected (the vulnerability scanner): their
 *                            alerts are tagged "authorised" and kept out of the alert stream
 */
public record FalsePositiveExits(CidrSet allowSources, List<AllowedDestination> allowDestinations,
                                 CidrSet authorisedScanners) {

    public FalsePositiveExits {
        allowDestinations = List.copyOf(allowDestinations);
    }

    public static FalsePositiveExits none() {
        return new FalsePositiveExits(CidrSet.empty(), List.of(), CidrSet.empty());
    }

    boolean allowsSource(IpAddress src) {
        return !allowSources.isEmpty() && allowSources.contains(src);
    }

    boolean allowsDestination(IpAddress dst, int port) {
        for (AllowedDestination d : allowDestinations) {
            if (d.matches(dst, port)) {
                return true;
            }
        }
        return false;
    }

    boolean isAuthorised(IpAddress src) {
        return !authorisedScanners.isEmpty() && authorisedScanners.contains(src);
    }
}
