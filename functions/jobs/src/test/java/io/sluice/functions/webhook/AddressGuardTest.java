package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard, fed by a resolver that answers with fixed addresses: a test seam standing in for DNS,
 * so every address class can be checked without a DNS server that serves private ranges.
 */
class AddressGuardTest {

    /** A resolver answering every name with these literals. */
    private static HostResolver answering(InetAddress... addresses) {
        return host -> addresses;
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: parsed locally, no DNS
    }

    /**
     * An IPv4-mapped IPv6 address as an {@link Inet6Address}. InetAddress.getByName would silently turn
     * {@code ::ffff:a.b.c.d} into an IPv4 address; a resolver (or a future JDK) need not.
     */
    private static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, -1);
    }

    private static String refusal(AddressGuard guard) {
        return assertThrows(PermanentJobFailure.class, () -> guard.check("hooks.example.com"))
                .getMessage();
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, a loopback",
        "127.255.255.254, a loopback",
        "::1, a loopback",
        "0.0.0.0, an unspecified",
        "0.1.2.3, an unspecified",
        "::, an unspecified",
        "10.0.0.5, a private",
        "10.255.255.255, a private",
        "172.16.0.1, a private",
        "172.31.255.255, a private",
        "192.168.1.1, a private",
        "100.64.0.1, a carrier-grade NAT",
        "100.127.255.255, a carrier-grade NAT",
        "169.254.169.254, a cloud instance metadata",
        "169.254.1.1, a link-local",
        "fe80::1, a link-local",
        "febf:ffff::1, a link-local",
        "fec0::1, a site-local",
        "fd00:ec2::254, a cloud instance metadata",
        "fc00::1, a unique-local",
        "fdff:ffff::1, a unique-local",
        "224.0.0.1, a multicast",
        "239.255.255.250, a multicast",
        "ff02::1, a multicast",
        "192.0.0.1, an IETF protocol assignment",
        "192.0.0.255, an IETF protocol assignment",
        "198.18.0.1, a benchmarking",
        "198.19.255.255, a benchmarking",
        "240.0.0.1, a reserved",
        "255.255.255.254, a reserved",
        "255.255.255.255, the broadcast",
        "64:ff9b::a00:5, a private",
        "::a00:5, a private",
    })
    void refusesEachInternalAddressClass(String address, String rule) throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering(ip(address)));

        assertEquals(
                "url host hooks.example.com resolves to " + rule + " address ("
                        + ip(address).getHostAddress() + "); allow-list it with SLUICE_WEBHOOK_ALLOW_HOSTS",
                refusal(guard));
    }

    @ParameterizedTest(name = "::ffff:{0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, a loopback",
        "0.0.0.0, an unspecified",
        "10.0.0.5, a private",
        "172.16.0.1, a private",
        "192.168.0.1, a private",
        "100.64.0.1, a carrier-grade NAT",
        "169.254.169.254, a cloud instance metadata",
        "224.0.0.1, a multicast",
        "192.0.0.8, an IETF protocol assignment",
        "198.18.0.1, a benchmarking",
        "240.0.0.1, a reserved",
        "255.255.255.255, the broadcast",
    })
    void refusesIpv4MappedIpv6FormsByTheIpv4AddressTheyReach(String ipv4, String rule) throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering(mapped(ipv4)));

        String message = refusal(guard);

        assertTrue(message.startsWith("url host hooks.example.com resolves to " + rule + " address ("), message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "172.32.0.1",
                "100.128.0.1",
                "192.0.1.1",
                "198.20.0.1",
                "223.255.255.255",
                "2606:2800:220:1::1",
                "2001:4860:4860::8888",
                "64:ff9b::808:808"
            })
    void letsPublicAddressesThrough(String address) throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering(ip(address)));

        assertDoesNotThrow(() -> guard.check("hooks.example.com"));
    }

    @Test
    void letsIpv4MappedPublicAddressesThrough() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering(mapped("8.8.8.8")));

        assertDoesNotThrow(() -> guard.check("hooks.example.com"));
    }

    @Test
    void refusesWhenAnyOneOfSeveralAddressesIsInternal() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering(ip("93.184.216.34"), ip("10.1.2.3")));

        assertEquals(
                "url host hooks.example.com resolves to a private address (10.1.2.3); allow-list it with SLUICE_WEBHOOK_ALLOW_HOSTS",
                refusal(guard));
    }

    @Test
    void namesTheHostAsWrittenInTheUrlForIpLiterals() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), HostResolver.system());

        PermanentJobFailure failure = assertThrows(PermanentJobFailure.class, () -> guard.check("[::1]"));

        assertEquals(
                "url host [::1] resolves to a loopback address (0:0:0:0:0:0:0:1); allow-list it with SLUICE_WEBHOOK_ALLOW_HOSTS",
                failure.getMessage());
    }

    @Test
    void retriesWhenTheHostDoesNotResolve() {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), host -> {
            throw new UnknownHostException(host);
        });

        RetryableJobFailure failure = assertThrows(RetryableJobFailure.class, () -> guard.check("gone.example.com"));

        assertEquals("url host gone.example.com could not be resolved", failure.getMessage());
    }

    @Test
    void retriesWhenTheResolverReturnsNoAddress() {
        AddressGuard guard = new AddressGuard(HostAllowList.none(), answering());

        assertThrows(RetryableJobFailure.class, () -> guard.check("empty.example.com"));
    }

    @Test
    void allowsAnAllowListedHostNameWhateverItResolvesToAndReturnsThoseAddresses() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.parse("Billing.Internal"), answering(ip("10.0.0.5")));

        // The request connects to what this lookup answered, so the name is resolved once, here, even when trusted.
        assertEquals(List.of(ip("10.0.0.5")), guard.check("billing.internal"));
        assertEquals(List.of(ip("10.0.0.5")), guard.check("BILLING.internal."));
    }

    @Test
    void returnsEveryCheckedAddressForTheRequestToConnectTo() throws Exception {
        AddressGuard guard =
                new AddressGuard(HostAllowList.none(), answering(ip("93.184.216.34"), ip("2606:2800:220:1::1")));

        assertEquals(List.of(ip("93.184.216.34"), ip("2606:2800:220:1::1")), guard.check("hooks.example.com"));
    }

    @Test
    void anAllowListedHostNameDoesNotAllowOtherNamesOnTheSameAddress() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.parse("billing.internal"), answering(ip("10.0.0.5")));

        assertThrows(PermanentJobFailure.class, () -> guard.check("payroll.internal"));
        assertThrows(PermanentJobFailure.class, () -> guard.check("api.billing.internal"));
    }

    @Test
    void allowsAnAllowListedIpAddress() throws Exception {
        AddressGuard guard = new AddressGuard(HostAllowList.parse("10.0.0.5"), answering(ip("10.0.0.5")));
        AddressGuard neighbour = new AddressGuard(HostAllowList.parse("10.0.0.5"), answering(ip("10.0.0.6")));

        assertDoesNotThrow(() -> guard.check("billing.internal"));
        assertThrows(PermanentJobFailure.class, () -> neighbour.check("billing.internal"));
    }

    @Test
    void allowsAddressesInAnAllowListedIpv4CidrBlock() throws Exception {
        HostAllowList allow = HostAllowList.parse("10.20.0.0/16");

        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("10.20.255.1"))).check("a.internal"));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(mapped("10.20.0.9"))).check("a.internal"));
        assertThrows(
                PermanentJobFailure.class,
                () -> new AddressGuard(allow, answering(ip("10.21.0.1"))).check("a.internal"));
    }

    @Test
    void allowsAddressesInAnAllowListedIpv6CidrBlock() throws Exception {
        HostAllowList allow = HostAllowList.parse("fd12:3456::/32");

        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("fd12:3456:1::9"))).check("a.internal"));
        assertThrows(
                PermanentJobFailure.class,
                () -> new AddressGuard(allow, answering(ip("fd12:3457::1"))).check("a.internal"));
    }

    @Test
    void loopbackAllowsOnlyTheLoopbackRanges() throws Exception {
        HostAllowList allow = HostAllowList.parse("loopback");

        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("127.0.0.1"))).check("localhost"));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("127.9.8.7"))).check("localhost"));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("::1"))).check("localhost"));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(mapped("127.0.0.1"))).check("localhost"));
        assertThrows(
                PermanentJobFailure.class, () -> new AddressGuard(allow, answering(ip("10.0.0.1"))).check("localhost"));
        assertThrows(
                PermanentJobFailure.class,
                () -> new AddressGuard(allow, answering(ip("169.254.169.254"))).check("localhost"));
        assertThrows(
                PermanentJobFailure.class, () -> new AddressGuard(allow, answering(ip("0.0.0.0"))).check("localhost"));
    }

    @Test
    void anAllowListedAddressDoesNotExcuseAnotherInternalAddressOfTheSameHost() throws Exception {
        AddressGuard guard =
                new AddressGuard(HostAllowList.parse("10.0.0.5"), answering(ip("10.0.0.5"), ip("169.254.169.254")));

        assertThrows(PermanentJobFailure.class, () -> guard.check("mixed.example.com"));
    }

    @Test
    void anAddressWithAPortAllowsThatPortOnly() throws Exception {
        HostAllowList allow = HostAllowList.parse("127.0.0.1:8080, [::1]:9090");

        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("127.0.0.1"))).check("127.0.0.1", 8080));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("::1"))).check("[::1]", 9090));
        assertDoesNotThrow(() -> new AddressGuard(allow, answering(mapped("127.0.0.1"))).check("localhost", 8080));
        String other = assertThrows(
                        PermanentJobFailure.class,
                        () -> new AddressGuard(allow, answering(ip("127.0.0.1"))).check("127.0.0.1", 8081))
                .getMessage();
        assertEquals(
                "url host 127.0.0.1 resolves to a loopback address (127.0.0.1); allow-list it with"
                        + " SLUICE_WEBHOOK_ALLOW_HOSTS (127.0.0.1:8081 allows this port only)",
                other);
        assertThrows(
                PermanentJobFailure.class,
                () -> new AddressGuard(allow, answering(ip("127.0.0.2"))).check("127.0.0.2", 8080));
    }

    @Test
    void aHostNameWithAPortTrustsThatNameOnThatPortOnly() throws Exception {
        HostAllowList allow = HostAllowList.parse("billing.internal:8443");

        assertDoesNotThrow(() -> new AddressGuard(allow, answering(ip("10.0.0.7"))).check("billing.internal", 8443));
        assertThrows(
                PermanentJobFailure.class,
                () -> new AddressGuard(allow, answering(ip("10.0.0.7"))).check("billing.internal", 443));
    }

    /** sluice-local's own ports stay closed whatever is allowed: 'loopback', the port itself, a trusted name. */
    @Test
    void theRuntimesOwnPortsAreRefusedEvenWhenLoopbackOrThePortIsAllowed() throws Exception {
        RefusedPorts own = RefusedPorts.parse("9328, 8000");
        for (String allowed : List.of("loopback", "127.0.0.1:9328", "localhost", "0.0.0.0/8")) {
            HostAllowList allow = HostAllowList.parse(allowed);
            for (InetAddress address :
                    List.of(ip("127.0.0.1"), ip("127.3.2.1"), ip("::1"), mapped("127.0.0.1"), ip("0.0.0.0"))) {
                String refusal = assertThrows(
                                PermanentJobFailure.class,
                                () -> new AddressGuard(allow, own, answering(address)).check("localhost", 9328),
                                allowed + " / " + address)
                        .getMessage();
                assertEquals(
                        "url localhost:9328 is a port of the runtime running this job (SLUICE_WEBHOOK_REFUSE_PORTS): a"
                                + " webhook may never call sluice-local itself",
                        refusal);
            }
            assertDoesNotThrow(() -> new AddressGuard(HostAllowList.parse("loopback"), own, answering(ip("127.0.0.1")))
                    .check("localhost", 9000));
        }
        // A public address on the same port number is somebody else's server: not refused.
        assertDoesNotThrow(() ->
                new AddressGuard(HostAllowList.none(), own, answering(ip("93.184.216.34"))).check("example.com", 8000));
    }

    @Test
    void refusedPortsMustBePorts() {
        assertEquals(
                "SLUICE_WEBHOOK_REFUSE_PORTS: '70000' is not a port; list ports from 1 to 65535, comma-separated",
                assertThrows(IllegalArgumentException.class, () -> RefusedPorts.parse("9328,70000"))
                        .getMessage());
        assertEquals(
                "SLUICE_WEBHOOK_REFUSE_PORTS: 'api' is not a port; list ports from 1 to 65535, comma-separated",
                assertThrows(IllegalArgumentException.class, () -> RefusedPorts.parse("api"))
                        .getMessage());
    }

    @Test
    void aPortEntryMustHaveAPortInRange() {
        assertEquals(
                "SLUICE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1:0' has port 0; a port is 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> HostAllowList.parse("127.0.0.1:0"))
                        .getMessage());
    }
}
