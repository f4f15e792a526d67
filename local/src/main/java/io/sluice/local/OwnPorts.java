package io.sluice.local;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loopback ports of a sluice-local runtime and of what it started beside it (the Jobs API, the console): the
 * ports a webhook job must never reach, whatever {@code SLUICE_WEBHOOK_ALLOW_HOSTS} allows.
 */
final class OwnPorts {
    private final Set<Integer> marked = new TreeSet<>();

    synchronized void mark(int port) {
        marked.add(port);
    }

    /** The marked ports and those of {@code endpoints} on this machine ({@code null} ones skipped). */
    synchronized Set<Integer> with(List<URI> endpoints) {
        Set<Integer> ports = new TreeSet<>(marked);
        for (URI endpoint : endpoints) {
            if (endpoint != null && endpoint.getPort() > 0 && isLoopback(endpoint.getHost())) {
                ports.add(endpoint.getPort());
            }
        }
        return ports;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }
}
