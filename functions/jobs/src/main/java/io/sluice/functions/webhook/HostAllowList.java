package io.sluice.functions.webhook;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The exceptions an operator grants to {@link AddressGuard}, read from {@code SLUICE_WEBHOOK_ALLOW_HOSTS}:
 * a comma-separated list of host names (matched exactly, ignoring case and a trailing dot), IP literals,
 * CIDR blocks (IPv4 or IPv6), and the word {@code loopback}, which stands for {@code 127.0.0.0/8} and
 * {@code ::1} (sluice-local sets it so jobs can call services on the developer's machine). Empty by
 * default: every internal address is refused until someone names it.
 *
 * <p>A host-name entry trusts whatever that name resolves to; an address entry trusts that address
 * whatever name led to it. There are no wildcards, so allowing one internal service never allows its
 * neighbours.
 *
 * @param hosts lower-case host names without a trailing dot
 * @param blocks allowed addresses and ranges
 */
public record HostAllowList(Set<String> hosts, List<CidrBlock> blocks) {
    /** The configuration key. */
    public static final String CONFIG_KEY = "SLUICE_WEBHOOK_ALLOW_HOSTS";
    /** The entry that allows the loopback ranges. */
    public static final String LOOPBACK = "loopback";

    // RFC 1123 labels, plus '_' which some internal DNS zones use.
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    public HostAllowList {
        hosts = Set.copyOf(hosts);
        blocks = List.copyOf(blocks);
    }

    /** Allows nothing. */
    public static HostAllowList none() {
        return new HostAllowList(Set.of(), List.of());
    }

    /**
     * Parses the configuration value; blank or absent allows nothing.
     *
     * @throws IllegalArgumentException naming the key and the first entry that is neither a host name,
     *     an IP literal, a CIDR block nor {@code loopback}, so a bad deployment fails at cold start
     *     instead of silently refusing the hosts it meant to allow
     */
    public static HostAllowList parse(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        Set<String> hosts = new LinkedHashSet<>();
        List<CidrBlock> blocks = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equalsIgnoreCase(LOOPBACK)) {
                blocks.add(CidrBlock.parse("127.0.0.0/8"));
                blocks.add(CidrBlock.parse("::1/128"));
                continue;
            }
            var block = CidrBlock.tryParse(entry);
            if (block.isPresent()) {
                blocks.add(block.get());
                continue;
            }
            String host = normalise(entry);
            // A host name contains a letter somewhere; "10.0.0.0/33" or "300.1.1.1" is a broken address, not a name.
            if (host.length() > 253
                    || !HOST_NAME.matcher(host).matches()
                    || !host.matches(".*[a-z_].*")
                    || entry.contains("/")) {
                throw new IllegalArgumentException(
                        CONFIG_KEY + ": '" + entry + "' is not a host name, an IP address, a CIDR block or 'loopback'");
            }
            hosts.add(host);
        }
        return new HostAllowList(hosts, blocks);
    }

    /** Whether the URL's host name is allowed as such. */
    public boolean allowsHost(String host) {
        return hosts.contains(normalise(host));
    }

    /** Whether the address is allowed, whatever name led to it. */
    public boolean allowsAddress(InetAddress address) {
        for (CidrBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static String normalise(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
