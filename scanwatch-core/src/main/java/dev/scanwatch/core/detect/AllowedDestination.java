package dev.scanwatch.core.detect;

import dev.scanwatch.core.net.Cidr;
import dev.scanwatch.core.net.IpAddress;

/**
 * A destination whose first contacts are not scan evidence: a load balancer's health-checked
 * port, a resolver farm, a honeypot. Written {@code 10.0.0.5:443}, {@code 10.0.0.0/24:53},
 * {@code [2001:db8::/32]:80}, {@code :123} (any host) or {@code 10.0.0.0/24} (any port).
 *
 * @param block the hosts, or null for any host
 * @param port  the port, or -1 for any port
 */
public record AllowedDestination(Cidr block, int port) {

    public boolean matches(IpAddress dst, int dstPort) {
        return (block == null || block.contains(dst)) && (port < 0 || port == dstPort);
    }

    public static AllowedDestination parse(String text) {
        String s = text.trim();
        String host = s;
        int port = -1;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in destination '" + text + "'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':port' after ']' in '" + text + "'");
                }
                port = port(rest.substring(1), text);
            }
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') >= 0) {
            int colon = s.indexOf(':'); // IPv4 or empty host with a port; IPv6 needs brackets
            host = s.substring(0, colon);
            port = port(s.substring(colon + 1), text);
        }
        return new AllowedDestination(host.isEmpty() ? null : Cidr.parse(host), port);
    }

    private static int port(String p, String text) {
        try {
            int v = Integer.parseInt(p);
            if (v < 0 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in destination '" + text + "'");
        }
    }

    @Override
    public String toString() {
        String h = block == null ? "" : block.network().isV4() || port < 0 ? block.toString() : "[" + block + "]";
        return port < 0 ? h : h + ":" + port;
    }
}
