package io.sluice.local;

import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.runtime.OutcomeListener;
import io.sluice.topology.Topology;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * How sluice-local runs. An endpoint that is set means "use this running service" (LocalStack, a separate
 * ElasticMQ or moto, even AWS); when it is {@code null} sluice-local starts its own emulator on
 * the port given, on 127.0.0.1. The EventBridge Scheduler emulator is always sluice-local's own.
 *
 * @param schedulerPort the port of the EventBridge Scheduler emulator (0: any free port)
 * @param dataDirectory where the DynamoDB tables (moto's data file) and the scheduler's schedules are kept across restarts;
 *     {@code null} keeps both in memory
 * @param overrides per-type catalogue overrides, keyed {@code <type>.<key>} (for example
 *     {@code webhook.backoff.initial}), see {@link io.sluice.catalogue.JobOverrides}
 * @param config handler configuration on top of the process environment (for example
 *     {@code SLUICE_WEBHOOK_SECRET}, {@code SLUICE_WEBHOOK_ALLOW_HOSTS=127.0.0.1:8080}); sluice-local adds
 *     {@code SLUICE_WEBHOOK_REFUSE_PORTS} with its own ports
 * @param types the job types to run, or empty for every type in the catalogue
 * @param jobState whether functions use job history, idempotency and rate limits (off only to measure the
 *     runtime alone)
 * @param python the python3 that has moto for the local DynamoDB; {@code null}: {@code SLUICE_PYTHON} or
 *     {@code python3}
 */
public record LocalOptions(
        String app,
        String region,
        URI sqsEndpoint,
        int sqsPort,
        URI dynamoDbEndpoint,
        int dynamoDbPort,
        int schedulerPort,
        String dataDirectory,
        Map<String, String> overrides,
        Map<String, String> config,
        List<String> types,
        int pollWaitSeconds,
        Clock clock,
        OutcomeListener listener,
        boolean jobState,
        String python) {

    public static final int DEFAULT_SQS_PORT = 9324;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_SCHEDULER_PORT = SchedulerEmulator.DEFAULT_PORT;

    public LocalOptions {
        overrides = Map.copyOf(overrides);
        config = Map.copyOf(config);
        types = List.copyOf(types);
    }

    /** Every default: app {@code sluice}, own emulators on 9324 and 8000, the scheduler on 9326, all types. */
    public static LocalOptions defaults() {
        return new LocalOptions(
                Topology.DEFAULT_APP,
                "us-east-1",
                null,
                DEFAULT_SQS_PORT,
                null,
                DEFAULT_DYNAMODB_PORT,
                DEFAULT_SCHEDULER_PORT,
                null,
                Map.of(),
                Map.of(),
                List.of(),
                2,
                Clock.systemUTC(),
                OutcomeListener.NONE,
                true,
                null);
    }

    public LocalOptions withPorts(int sqs, int dynamoDb) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqs,
                dynamoDbEndpoint,
                dynamoDb,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    /** The port of the scheduler emulator; 0 picks any free port (tests). */
    public LocalOptions withSchedulerPort(int value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                value,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    public LocalOptions withEndpoints(URI sqs, URI dynamoDb) {
        return new LocalOptions(
                app,
                region,
                sqs,
                sqsPort,
                dynamoDb,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    public LocalOptions withOverrides(Map<String, String> value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                value,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    public LocalOptions withConfig(Map<String, String> value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                value,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    /**
     * Lets webhook jobs call {@code hostPort} ({@code 127.0.0.1:8080}) on this machine, that port only: added to
     * {@code SLUICE_WEBHOOK_ALLOW_HOSTS}, as {@code --allow-host} does. sluice-local's own ports stay refused.
     */
    public LocalOptions withAllowedHost(String hostPort) {
        Map<String, String> value = new java.util.LinkedHashMap<>(config);
        value.merge(
                "SLUICE_WEBHOOK_ALLOW_HOSTS",
                hostPort,
                (given, added) -> given.isBlank() ? added : given + "," + added);
        return withConfig(value);
    }

    public LocalOptions withTypes(List<String> value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                value,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    public LocalOptions withListener(OutcomeListener value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                value,
                jobState,
                python);
    }

    public LocalOptions withPollWaitSeconds(int value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                value,
                clock,
                listener,
                jobState,
                python);
    }

    public LocalOptions withDataDirectory(String value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                value,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }

    /** Whether functions record history, claim jobs and enforce rate limits (default true). */
    public LocalOptions withJobState(boolean value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                value,
                python);
    }

    /** The interpreter that has moto ({@code --python}); {@code null} for {@code SLUICE_PYTHON} or {@code python3}. */
    public LocalOptions withPython(String value) {
        return new LocalOptions(
                app,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                value);
    }

    public LocalOptions withApp(String value) {
        return new LocalOptions(
                value,
                region,
                sqsEndpoint,
                sqsPort,
                dynamoDbEndpoint,
                dynamoDbPort,
                schedulerPort,
                dataDirectory,
                overrides,
                config,
                types,
                pollWaitSeconds,
                clock,
                listener,
                jobState,
                python);
    }
}
