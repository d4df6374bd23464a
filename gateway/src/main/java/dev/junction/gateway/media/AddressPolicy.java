package dev.junction.gateway.media;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses Junction may fetch media from on a client's behalf. By default only public
 * ones: a URL pointing at loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, unique-local or multicast addresses would let a client make Junction read
 * the operator's own network.
 */
public record AddressPolicy(boolean allowPrivate) {

    public boolean allows(InetAddress address) {
        if (allowPrivate) {
            return true;
        }
        InetAddress a = unmapped(address);
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    || (first == 198 && (second == 18 || second == 19));
            return !carrierNat && !reserved;
        }
        boolean uniqueLocal = (b[0] & 0xFE) == 0xFC;
        return !uniqueLocal;
    }

    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }
}
