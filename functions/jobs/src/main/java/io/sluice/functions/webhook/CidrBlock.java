package io.sluice.functions.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses written as {@code address/prefix} ({@code 10.0.0.0/8},
 * {@code fc00::/7}); a bare address is a block of one. Used for the ranges {@link AddressGuard} refuses
 * and for allow-list entries. Parsing never touches DNS: only literals are accepted, so a typo in
 * configuration cannot turn into a lookup at cold start.
 *
 * @param network the block's first address, 4 or 16 bytes, host bits zero
 * @param prefixLength the number of leading bits that must match
 */
public record CidrBlock(byte[] network, int prefixLength) {
    // Strict dotted quad: InetAddress also takes legacy forms such as "10.1" (= 10.0.0.1), which would
    // make an allow-list entry mean something other than what the operator read.
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public CidrBlock {
        if (network == null || (network.length != 4 && network.length != 16)) {
            throw new IllegalArgumentException("network must be 4 or 16 bytes");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException(
                    "prefix length must be 0 to " + network.length * 8 + ", was " + prefixLength);
        }
        network = mask(network.clone(), prefixLength);
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when the text is not an IP literal with an optional prefix in range
     */
    public static CidrBlock parse(String text) {
        Optional<CidrBlock> block = tryParse(text);
        if (block.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        return block.get();
    }

    /** The block, or empty when {@code text} is not an IP literal with an optional prefix in range. */
    public static Optional<CidrBlock> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.trim();
        Integer prefix = null;
        int slash = address.indexOf('/');
        if (slash >= 0) {
            String bits = address.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(bits);
            address = address.substring(0, slash);
        }
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int max = bytes.get().length * 8;
        if (prefix != null && prefix > max) {
            return Optional.empty();
        }
        return Optional.of(new CidrBlock(bytes.get(), prefix == null ? max : prefix));
    }

    /** The bytes of an IPv4 or IPv6 literal, without any DNS lookup. */
    static Optional<byte[]> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = address.contains(":") && IPV6.matcher(address).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // Safe from DNS: the text is a syntactically checked literal, which InetAddress parses locally.
            InetAddress parsed = InetAddress.getByName(address);
            return Optional.of(parsed.getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address lies in this block; IPv4 and IPv6 blocks never contain each other's addresses. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address.clone(), prefixLength), network);
    }

    /** Whether this is an IPv6 block. */
    public boolean isIpv6() {
        return network.length == 16;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock that
                && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            InetAddress address = network.length == 4
                    ? Inet4Address.getByAddress(network)
                    : Inet6Address.getByAddress(null, network, -1);
            return address.getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: the length is checked in the constructor
        }
    }

    private static byte[] mask(byte[] bytes, int prefixLength) {
        for (int i = 0; i < bytes.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - bitsHere));
        }
        return bytes;
    }
}
