package dev.scanwatch.core.net;

import java.util.List;

/**
 * Which addresses are routable on the Internet. Documentation ranges (RFC 5737, RFC 3849) count
 * as public on purpose: they stand in for public addresses in examples and test captures.
 */
public final class AddressScopes {

    private static final CidrSet NOT_PUBLIC = CidrSet.parse(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8"));

    private AddressScopes() {
    }

    public static boolean isPublic(IpAddress a) {
        return !NOT_PUBLIC.contains(a);
    }
}
