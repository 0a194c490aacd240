package dev.mesh.api.tailscale;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix ({@code 192.168.10.0/24}, {@code fd00::/8}; a bare address is a /32 or /128),
 * read from literals only: text that is not an address literal is refused, never looked up as a name.
 */
final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] address;
    private final int bits;

    private Cidr(byte[] address, int bits) {
        this.address = address;
        this.bits = bits;
    }

    /** {@code ADDRESS[/BITS]}, brackets and an IPv6 zone ({@code %eth0}) allowed; empty when it is not one. */
    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        addr = addr.replaceFirst("^\\[(.*)]$", "$1").replaceFirst("%.*$", "");
        if (!IPV4.matcher(addr).matches() && !IPV6.matcher(addr).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            String b = t.substring(slash + 1);
            if (!b.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            bits = Integer.parseInt(b);
        }
        return bits > max ? Optional.empty() : Optional.of(new Cidr(bytes, bits));
    }

    /** Whether this prefix contains every address of {@code other} (same family only). */
    boolean contains(Cidr other) {
        return address.length == other.address.length && other.bits >= bits && samePrefix(other, bits);
    }

    /** Whether the two prefixes share any address. */
    boolean overlaps(Cidr other) {
        return address.length == other.address.length && samePrefix(other, Math.min(bits, other.bits));
    }

    private boolean samePrefix(Cidr other, int length) {
        for (int i = 0; i < length; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (other.address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** A single address ({@code /32}, {@code /128}). */
    boolean isSingleAddress() {
        return bits == address.length * 8;
    }

    /** The default route of its family ({@code 0.0.0.0/0}, {@code ::/0}): an exit node's, not a subnet route. */
    boolean isDefaultRoute() {
        return bits == 0;
    }
}
