package io.sluice.functions.webhook;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Loopback ports a webhook may never call, whatever {@link HostAllowList} allows: the ports of the runtime that runs
 * the webhook itself, read from {@value #CONFIG_KEY} (comma-separated). sluice-local sets it to every port it and its
 * children listen on (SQS, DynamoDB, the Scheduler, the Lambda and CloudWatch APIs, the Jobs API, the console): with
 * loopback receivers allowed, a job aimed at {@code http://127.0.0.1:9328/types/email/pause} would otherwise pause a
 * type, and one aimed at DynamoDB's port with an {@code X-Amz-Target} header could delete the job history. Unset on
 * AWS, where the address guard refuses loopback anyway.
 */
public record RefusedPorts(Set<Integer> ports) {
    /** The configuration key. */
    public static final String CONFIG_KEY = "SLUICE_WEBHOOK_REFUSE_PORTS";

    public RefusedPorts {
        ports = Set.copyOf(ports);
    }

    /**
     * Parses the configuration value; blank or absent refuses no port.
     *
     * @throws IllegalArgumentException naming the key and the first entry that is not a port from 1 to 65535
     */
    public static RefusedPorts parse(String value) {
        Set<Integer> ports = new LinkedHashSet<>();
        if (value != null) {
            for (String raw : value.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                int port;
                try {
                    port = Integer.parseInt(entry);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(CONFIG_KEY + ": '" + entry
                            + "' is not a port; list ports from 1 to 65535, comma-separated");
                }
                ports.add(port);
            }
        }
        return new RefusedPorts(ports);
    }

    public boolean refuses(int port) {
        return ports.contains(port);
    }
}
