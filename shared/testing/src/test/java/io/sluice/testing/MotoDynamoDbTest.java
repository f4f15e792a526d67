package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's own promises: a real server, on loopback only. */
class MotoDynamoDbTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    @Test
    void theServerListensOnLoopbackOnly() {
        Assumptions.assumeTrue(ListeningSockets.readable(), () -> {
            System.err.println(
                    "WARNING: SKIPPED MotoDynamoDbTest.theServerListensOnLoopbackOnly: no /proc/net/tcp on this machine");
            return "no /proc/net/tcp";
        });
        var addresses =
                ListeningSockets.addressesListeningOn(dynamoDb.endpoint().getPort());
        assertFalse(
                addresses.isEmpty(),
                "nothing listens on moto's port " + dynamoDb.endpoint().getPort());
        assertTrue(ListeningSockets.allLoopback(addresses), "moto listens on " + addresses);
    }

    @Test
    void listeningSocketsSeesAWildcardBindAsNotLoopback() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.readable(), () -> {
            System.err.println("WARNING: SKIPPED MotoDynamoDbTest.listeningSocketsSeesAWildcardBindAsNotLoopback:"
                    + " no /proc/net/tcp on this machine");
            return "no /proc/net/tcp";
        });
        try (ServerSocket everywhere = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            var addresses = ListeningSockets.addressesListeningOn(everywhere.getLocalPort());
            assertEquals(1, addresses.size(), addresses.toString());
            assertFalse(ListeningSockets.allLoopback(addresses), addresses.toString());
        }
    }
}
