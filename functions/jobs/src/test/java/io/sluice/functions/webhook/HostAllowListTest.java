package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostAllowListTest {

    @Test
    void readsHostNamesAddressesCidrBlocksAndLoopback() {
        HostAllowList allow = HostAllowList.parse(" Billing.Internal. , 10.0.0.5,fd00::/8 ,, loopback ");

        assertEquals(Set.of("billing.internal"), allow.hosts());
        assertEquals(
                List.of(
                        CidrBlock.parse("10.0.0.5/32"),
                        CidrBlock.parse("fd00::/8"),
                        CidrBlock.parse("127.0.0.0/8"),
                        CidrBlock.parse("::1/128")),
                allow.blocks());
    }

    @Test
    void allowsNothingWhenBlank() {
        assertEquals(HostAllowList.none(), HostAllowList.parse(""));
        assertEquals(HostAllowList.none(), HostAllowList.parse(null));
        assertEquals(HostAllowList.none(), HostAllowList.parse(" , "));
    }

    @Test
    void matchesHostNamesExactlyIgnoringCaseAndATrailingDot() {
        HostAllowList allow = HostAllowList.parse("hooks.internal");

        assertTrue(allow.allowsHost("HOOKS.internal"));
        assertTrue(allow.allowsHost("hooks.internal."));
        assertFalse(allow.allowsHost("evil-hooks.internal"));
        assertFalse(allow.allowsHost("a.hooks.internal"));
    }

    @Test
    void matchesAddressesByBlock() throws Exception {
        HostAllowList allow = HostAllowList.parse("192.168.10.0/24");

        assertTrue(allow.allowsAddress(InetAddress.getByName("192.168.10.200")));
        assertFalse(allow.allowsAddress(InetAddress.getByName("192.168.11.1")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "300.1.1.1",
                "fd00::/129",
                "fd00::zz",
                "*.example.com",
                "exa mple.com",
                "10.0.0.0/x",
                "https://example.com",
                "-bad.example.com"
            })
    void refusesEntriesThatAreNeitherNameNorAddress(String entry) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HostAllowList.parse("ok.example.com," + entry));

        assertEquals(
                "SLUICE_WEBHOOK_ALLOW_HOSTS: '" + entry
                        + "' is not a host name, an IP address, a CIDR block or 'loopback'",
                e.getMessage());
    }
}
