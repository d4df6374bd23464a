package dev.junction.gateway.edge;

import dev.junction.gateway.access.CidrBlock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who the client is behind trusted proxies ({@code server.trusted_proxies}): when the connection
 * comes from a trusted peer, {@code X-Forwarded-For} is read from its right end, each trusted hop
 * skipped, and the first untrusted address is the client's (every proxy appends the address it
 * saw, so only the right end can be believed). From any other peer, or without the header, the
 * client is the peer itself. CIDR allowlists and the admin audit see this address.
 */
final class ClientAddresses {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<CidrBlock> trusted;

    ClientAddresses(List<CidrBlock> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    String of(String peer, Optional<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.get().split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = bare(hops[i].trim());
            if (hop.isEmpty() || !LITERAL.matcher(hop).matches()) {
                return client; // a hop that is not an address: the last one believed stands
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        for (CidrBlock block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address without the port or brackets a proxy may have written ({@code [::1]:443}, {@code 1.2.3.4:80}). */
    private static String bare(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? "" : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
