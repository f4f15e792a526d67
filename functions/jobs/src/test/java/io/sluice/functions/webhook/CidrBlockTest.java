package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CidrBlockTest {

    @Test
    void containsExactlyTheAddressesUnderItsPrefix() throws Exception {
        CidrBlock block = CidrBlock.parse("172.16.0.0/12");

        assertTrue(block.contains(InetAddress.getByName("172.16.0.0")));
        assertTrue(block.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(block.contains(InetAddress.getByName("172.15.255.255")));
        assertFalse(block.contains(InetAddress.getByName("172.32.0.0")));
    }

    @Test
    void neverMixesIpv4AndIpv6() throws Exception {
        assertFalse(CidrBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")));
        assertFalse(CidrBlock.parse("::/0").contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void clearsHostBitsAndPrintsTheNormalForm() {
        assertEquals("10.0.0.0/8", CidrBlock.parse("10.1.2.3/8").toString());
        assertEquals(CidrBlock.parse("10.0.0.0/8"), CidrBlock.parse("10.255.0.1/8"));
        assertEquals("fc00:0:0:0:0:0:0:0/7", CidrBlock.parse("fdff::1/7").toString());
    }

    @Test
    void aBareAddressIsABlockOfOne() throws Exception {
        CidrBlock block = CidrBlock.parse("fd00:ec2::254");

        assertEquals(128, block.prefixLength());
        assertTrue(block.contains(InetAddress.getByName("fd00:ec2::254")));
        assertFalse(block.contains(InetAddress.getByName("fd00:ec2::253")));
    }

    @Test
    void readsOnlyLiteralsSoConfigurationNeverTriggersDns() {
        assertEquals(Optional.empty(), CidrBlock.tryParse("localhost"));
        assertEquals(Optional.empty(), CidrBlock.tryParse("10.1"));
        assertEquals(Optional.empty(), CidrBlock.tryParse("10.0.0.0/33"));
        assertEquals(Optional.empty(), CidrBlock.tryParse("::/129"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("example.com/8"));
    }
}
