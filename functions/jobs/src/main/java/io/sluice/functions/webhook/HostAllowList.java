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
 * CIDR blocks (IPv4 or IPv6), the word {@code loopback}, which stands for {@code 127.0.0.0/8} and
 * {@code ::1}, and any host name or IP address with a port ({@code 127.0.0.1:8080}, {@code [::1]:8080},
 * {@code billing.internal:8443}), which allows that one port only (sluice-local's {@code --allow-host}: a receiver on
 * the developer's machine, and nothing else there). Empty by default: every internal address is refused until
 * someone names it.
 *
 * <p>A host-name entry trusts whatever that name resolves to; an address entry trusts that address
 * whatever name led to it. There are no wildcards, so allowing one internal service never allows its
 * neighbours.
 *
 * @param hosts lower-case host names without a trailing dot
 * @param blocks allowed addresses and ranges
 * @param hostPorts lower-case host names with their one allowed port, {@code name:port}
 * @param addressPorts allowed addresses, each on its one port
 */
public record HostAllowList(
        Set<String> hosts, List<CidrBlock> blocks, Set<String> hostPorts, List<AddressPort> addressPorts) {
    /** One address allowed on one port. */
    public record AddressPort(InetAddress address, int port) {}

    /** The configuration key. */
    public static final String CONFIG_KEY = "SLUICE_WEBHOOK_ALLOW_HOSTS";
    /** The entry that allows the loopback ranges. */
    public static final String LOOPBACK = "loopback";

    // RFC 1123 labels, plus '_' which some internal DNS zones use.
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    // name:port, a.b.c.d:port, [v6]:port
    private static final Pattern WITH_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):([0-9]{1,5})");

    public HostAllowList {
        hosts = Set.copyOf(hosts);
        blocks = List.copyOf(blocks);
        hostPorts = Set.copyOf(hostPorts);
        addressPorts = List.copyOf(addressPorts);
    }

    public HostAllowList(Set<String> hosts, List<CidrBlock> blocks) {
        this(hosts, blocks, Set.of(), List.of());
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
        Set<String> hostPorts = new LinkedHashSet<>();
        List<AddressPort> addressPorts = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var withPort = WITH_PORT.matcher(entry);
            if (withPort.matches()) {
                int port = Integer.parseInt(withPort.group(2));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(
                            CONFIG_KEY + ": '" + entry + "' has port " + port + "; a port is 1 to 65535");
                }
                String target = withPort.group(1);
                String bare = target.startsWith("[") ? target.substring(1, target.length() - 1) : target;
                var single = CidrBlock.tryParse(bare);
                if (single.isPresent()
                        && single.get().prefixLength() == single.get().network().length * 8) {
                    try {
                        addressPorts.add(new AddressPort(
                                InetAddress.getByAddress(single.get().network()), port));
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalStateException(e); // unreachable: a parsed block's bytes are an address
                    }
                    continue;
                }
                String host = normalise(bare);
                if (!HOST_NAME.matcher(host).matches() || !host.matches(".*[a-z_].*") || target.startsWith("[")) {
                    throw new IllegalArgumentException(CONFIG_KEY + ": '" + entry
                            + "' is not a host name or an IP address with a port (127.0.0.1:8080, [::1]:8080,"
                            + " billing.internal:8443)");
                }
                hostPorts.add(host + ":" + port);
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
        return new HostAllowList(hosts, blocks, hostPorts, addressPorts);
    }

    /** Whether the URL's host name is allowed as such. */
    public boolean allowsHost(String host) {
        return hosts.contains(normalise(host));
    }

    /** Whether the URL's host name is allowed on this port, as a name:port entry or as a name. */
    public boolean allowsHost(String host, int port) {
        return allowsHost(host) || hostPorts.contains(normalise(host) + ":" + port);
    }

    /** Whether the address is allowed on this port: by a range, or by an address:port entry. */
    public boolean allowsAddress(InetAddress address, int port) {
        if (allowsAddress(address)) {
            return true;
        }
        for (AddressPort entry : addressPorts) {
            if (entry.port() == port && entry.address().equals(address)) {
                return true;
            }
        }
        return false;
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
