package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that runs sluice-local shares: where SQS and DynamoDB are, the scheduler's port, and overrides. */
public final class EndpointOptions {
    @Option(
            names = "--sqs-endpoint",
            paramLabel = "URL",
            description = "Use this running SQS (LocalStack, ElasticMQ) instead of starting ElasticMQ.")
    URI sqsEndpoint;

    @Option(
            names = "--dynamodb-endpoint",
            paramLabel = "URL",
            description = "Use this running DynamoDB (LocalStack, another moto, AWS) instead of starting moto.")
    URI dynamoDbEndpoint;

    @Option(
            names = "--sqs-port",
            paramLabel = "PORT",
            description = "Port of the embedded ElasticMQ (default: ${DEFAULT-VALUE}).")
    int sqsPort = LocalOptions.DEFAULT_SQS_PORT;

    @Option(
            names = "--dynamodb-port",
            paramLabel = "PORT",
            description = "Port of the local DynamoDB, moto's server (default: ${DEFAULT-VALUE}).")
    int dynamoDbPort = LocalOptions.DEFAULT_DYNAMODB_PORT;

    @Option(
            names = "--scheduler-port",
            paramLabel = "PORT",
            description =
                    "Port of the EventBridge Scheduler emulator (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int schedulerPort = LocalOptions.DEFAULT_SCHEDULER_PORT;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Keep the queues with every message, the DynamoDB tables and the schedules in DIR across restarts"
                            + " (Ctrl-C, SIGTERM and SIGKILL alike) instead of in memory.")
    String dataDirectory;

    @Option(
            names = "--python",
            paramLabel = "PATH",
            description =
                    "The python3 that has moto[server] 5.2.1 for the local DynamoDB (default: $SLUICE_PYTHON, else ./.venv/bin/python3, else python3).")
    String python;

    @Option(
            names = "--app",
            paramLabel = "NAME",
            description = "Application name, the prefix of every queue (default: ${DEFAULT-VALUE}).")
    String app = "sluice";

    @Option(
            names = "--set",
            paramLabel = "TYPE.KEY=VALUE",
            description =
                    "Override a catalogue setting, e.g. --set webhook.maxAttempts=3 --set webhook.backoff.initial=PT1S.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--config",
            paramLabel = "KEY=VALUE",
            description =
                    "Handler configuration, e.g. --config SLUICE_WEBHOOK_SECRET=s3cr3t (environment variables work too).")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(
            names = "--allow-host",
            paramLabel = "HOST:PORT",
            description = "Let webhook jobs call this host and port on your machine, e.g. --allow-host 127.0.0.1:8080"
                    + " (repeatable; added to SLUICE_WEBHOOK_ALLOW_HOSTS). No other loopback target is allowed, and"
                    + " sluice-local's own ports never are.")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    LocalOptions apply(LocalOptions base) {
        LocalOptions.Builder applied = base.toBuilder()
                .app(app)
                .ports(sqsPort, dynamoDbPort)
                .schedulerPort(schedulerPort)
                .endpoints(sqsEndpoint, dynamoDbEndpoint)
                .dataDirectory(dataDirectory)
                .python(python)
                .overrides(merge(base.overrides(), overrides))
                .config(merge(base.config(), config));
        allowHosts.forEach(applied::allowHost);
        return applied.build();
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(extra);
        return merged;
    }
}
