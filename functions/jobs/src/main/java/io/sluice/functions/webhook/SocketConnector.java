package io.sluice.functions.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Opens the TCP connection of a webhook request to one address that {@link AddressGuard} has already checked. It
 * is the seam that closes the DNS-rebinding gap: the connection goes to exactly the address that was vetted, never
 * to a second lookup's answer. Tests use it to send a public-looking checked address to a receiver on loopback.
 *
 * <p>{@link #system()} opens the socket through a {@link SocketChannel}, whose blocking reads and connects end
 * with {@link java.nio.channels.ClosedByInterruptException} when the thread is interrupted: the runtime's watchdog
 * interrupts a handler at its attempt's deadline, and a plain {@link Socket} would ignore that until its timeout.
 */
@FunctionalInterface
public interface SocketConnector {

    /**
     * A connected socket to {@code address}.
     *
     * @throws java.net.SocketTimeoutException when the connection is not established within {@code timeout}
     * @throws IOException when it is refused or fails
     */
    Socket connect(InetSocketAddress address, Duration timeout) throws IOException;

    /** Connects for real, interruptibly. */
    static SocketConnector system() {
        return (address, timeout) -> {
            Socket socket = SocketChannel.open().socket();
            try {
                socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        };
    }
}
