package io.sluice.functions.webhook;

import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server-side request forgery (SSRF) guard: before each webhook request it resolves the URL's host
 * and refuses the request if any address is one a public webhook has no business reaching, such as the
 * function's own loopback (where Lambda's Runtime API listens), a VPC's private ranges, or the instance
 * metadata services at {@code 169.254.169.254} and {@code fd00:ec2::254}. Payload URLs come from
 * producers, so without this a job could be used to probe or call internal services.
 *
 * <p>The guard checks every address a name resolves to, not just the first, because the HTTP client may
 * connect to any of them. IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d} and NAT64 {@code 64:ff9b::/96}) are judged by the IPv4 address
 * they reach. {@link HostAllowList} names the exceptions.
 *
 * <p>DNS rebinding: a hostile DNS server with a zero TTL could answer a public address to this check and a
 * private one to a second lookup. There is no second lookup: {@link #check} returns the addresses it vetted and
 * {@link PinnedHttpClient} connects to one of them, using the name only for the {@code Host} header and TLS.
 */
public final class AddressGuard {
    /** One refused range and how a message describes it. */
    private record Rule(CidrBlock block, String description) {
        static Rule of(String cidr, String description) {
            return new Rule(CidrBlock.parse(cidr), description);
        }
    }

    // Order matters only for the wording: the first matching rule names the problem, so narrow,
    // well-known ranges (broadcast, the metadata service) come before the wide blocks containing them.
    private static final List<Rule> RULES = List.of(
            Rule.of("0.0.0.0/8", "an unspecified"),
            Rule.of("127.0.0.0/8", "a loopback"),
            Rule.of("10.0.0.0/8", "a private"),
            Rule.of("172.16.0.0/12", "a private"),
            Rule.of("192.168.0.0/16", "a private"),
            Rule.of("100.64.0.0/10", "a carrier-grade NAT"),
            Rule.of("169.254.169.254/32", "a cloud instance metadata"),
            Rule.of("169.254.0.0/16", "a link-local"),
            Rule.of("192.0.0.0/24", "an IETF protocol assignment"),
            Rule.of("198.18.0.0/15", "a benchmarking"),
            Rule.of("224.0.0.0/4", "a multicast"),
            Rule.of("255.255.255.255/32", "the broadcast"),
            Rule.of("240.0.0.0/4", "a reserved"),
            Rule.of("::/128", "an unspecified"),
            Rule.of("::1/128", "a loopback"),
            Rule.of("fe80::/10", "a link-local"),
            Rule.of("fec0::/10", "a site-local"),
            Rule.of("fd00:ec2::254/128", "a cloud instance metadata"),
            Rule.of("fc00::/7", "a unique-local"),
            Rule.of("ff00::/8", "a multicast"));

    // IPv6 prefixes whose last 32 bits are an IPv4 address the packet ends up at.
    // Built from bytes: InetAddress turns the text "::ffff:0:0" into the IPv4 address 0.0.0.0.
    private static final CidrBlock IPV4_MAPPED =
            new CidrBlock(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0}, 96);
    private static final CidrBlock IPV4_COMPATIBLE = CidrBlock.parse("::/96");
    private static final CidrBlock NAT64 = CidrBlock.parse("64:ff9b::/96");

    private static final CidrBlock LOOPBACK_V4 = CidrBlock.parse("127.0.0.0/8");
    private static final CidrBlock LOOPBACK_V6 = CidrBlock.parse("::1/128");
    // Connecting to 0.0.0.0 or :: reaches this machine's own listeners too.
    private static final CidrBlock UNSPECIFIED_V4 = CidrBlock.parse("0.0.0.0/8");
    private static final CidrBlock UNSPECIFIED_V6 = CidrBlock.parse("::/128");

    private final HostAllowList allowList;
    private final RefusedPorts refusedPorts;
    private final HostResolver resolver;

    public AddressGuard(HostAllowList allowList, HostResolver resolver) {
        this(allowList, new RefusedPorts(java.util.Set.of()), resolver);
    }

    public AddressGuard(HostAllowList allowList, RefusedPorts refusedPorts, HostResolver resolver) {
        this.allowList = allowList;
        this.refusedPorts = refusedPorts;
        this.resolver = resolver;
    }

    /**
     * {@link #check(String, int)} for a URL whose port does not matter (no port is refused and no allow-list entry
     * names one): the port-less form older callers use.
     */
    public List<InetAddress> check(String host) throws PermanentJobFailure, RetryableJobFailure {
        return check(host, -1);
    }

    /**
     * Checks the host of a URL about to be called and returns the addresses a request may connect to: the only
     * ones it may connect to, since connecting elsewhere would reopen the rebinding gap. An allow-listed name is
     * resolved and trusted as such, whatever its addresses.
     *
     * @param host the URL's host: a name, an IPv4 literal, or an IPv6 literal with or without brackets
     * @param port the port the request will connect to (the URL's, or its scheme's default)
     * @throws PermanentJobFailure when an address is refused; the message names the host, the address
     *     and the rule, and how to allow it
     * @throws RetryableJobFailure when the name does not resolve now, which DNS may fix later
     */
    public List<InetAddress> check(String host, int port) throws PermanentJobFailure, RetryableJobFailure {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RetryableJobFailure("url host " + host + " could not be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RetryableJobFailure("url host " + host + " could not be resolved");
        }
        // Before the allow-list: no entry, not even 'loopback' or a trusted name, opens the runtime's own ports.
        for (InetAddress address : addresses) {
            InetAddress effective = embeddedIpv4(address).orElse(address);
            if (refusedPorts.refuses(port) && reachesThisMachine(effective)) {
                throw new PermanentJobFailure(
                        "url " + host + ":" + port + " is a port of the runtime running this job ("
                                + RefusedPorts.CONFIG_KEY + "): a webhook may never call sluice-local itself");
            }
        }
        if (allowList.allowsHost(bare, port)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            InetAddress effective = embeddedIpv4(address).orElse(address);
            if (port > 0 && (allowList.allowsAddress(effective, port) || allowList.allowsAddress(address, port))) {
                continue;
            }
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new PermanentJobFailure("url host " + host + " resolves to " + refusal.get() + " address ("
                        + address.getHostAddress() + "); allow-list it with " + HostAllowList.CONFIG_KEY
                        + (port > 0 ? " (" + bracketed(address) + ":" + port + " allows this port only)" : ""));
            }
        }
        return List.of(addresses);
    }

    private static String bracketed(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    private static boolean reachesThisMachine(InetAddress address) {
        return LOOPBACK_V4.contains(address)
                || LOOPBACK_V6.contains(address)
                || UNSPECIFIED_V4.contains(address)
                || UNSPECIFIED_V6.contains(address);
    }

    /** The description of the rule refusing the address, or empty when it may be called. */
    Optional<String> refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        if (allowList.allowsAddress(effective) || allowList.allowsAddress(address)) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.block().contains(effective)) {
                return Optional.of(rule.description());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address reaches by translation, if it is one of those forms. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean compatible = IPV4_COMPATIBLE.contains(address)
                // :: and ::1 are the IPv6 unspecified and loopback addresses, not IPv4-compatible ones.
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
        if (!IPV4_MAPPED.contains(address) && !NAT64.contains(address) && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: four bytes are always a valid IPv4 address
        }
    }
}
