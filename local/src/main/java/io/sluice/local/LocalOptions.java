package io.sluice.local;

import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.runtime.OutcomeListener;
import io.sluice.topology.Topology;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How sluice-local runs. An endpoint that is set means "use this running service" (LocalStack, a separate
 * ElasticMQ or moto, even AWS); when it is {@code null} sluice-local starts its own emulator on
 * the port given, on 127.0.0.1. The EventBridge Scheduler emulator is always sluice-local's own. Built with
 * {@link #builder()} (every default) or changed through {@link #toBuilder()}, so a new option is one component, one
 * builder field and one setter.
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
 * @param python the python3 that has moto for the local DynamoDB; {@code null}: {@code SLUICE_PYTHON}, else
 *     {@code ./.venv/bin/python3}, else {@code python3}
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
        return builder().build();
    }

    /** A builder holding every default (see each setter). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link LocalOptions}; each setter names its default. */
    public static final class Builder {
        private String app = Topology.DEFAULT_APP;
        private String region = "us-east-1";
        private URI sqsEndpoint;
        private int sqsPort = DEFAULT_SQS_PORT;
        private URI dynamoDbEndpoint;
        private int dynamoDbPort = DEFAULT_DYNAMODB_PORT;
        private int schedulerPort = DEFAULT_SCHEDULER_PORT;
        private String dataDirectory;
        private Map<String, String> overrides = Map.of();
        private Map<String, String> config = Map.of();
        private List<String> types = List.of();
        private int pollWaitSeconds = 2;
        private Clock clock = Clock.systemUTC();
        private OutcomeListener listener = OutcomeListener.NONE;
        private boolean jobState = true;
        private String python;

        private Builder() {}

        private Builder(LocalOptions options) {
            app = options.app;
            region = options.region;
            sqsEndpoint = options.sqsEndpoint;
            sqsPort = options.sqsPort;
            dynamoDbEndpoint = options.dynamoDbEndpoint;
            dynamoDbPort = options.dynamoDbPort;
            schedulerPort = options.schedulerPort;
            dataDirectory = options.dataDirectory;
            overrides = options.overrides;
            config = options.config;
            types = options.types;
            pollWaitSeconds = options.pollWaitSeconds;
            clock = options.clock;
            listener = options.listener;
            jobState = options.jobState;
            python = options.python;
        }

        /** The application name, the prefix of every queue and table (default {@code sluice}). */
        public Builder app(String value) {
            app = value;
            return this;
        }

        /** The region the clients and ARNs name (default {@code us-east-1}). */
        public Builder region(String value) {
            region = value;
            return this;
        }

        /** The ports of the embedded ElasticMQ and moto (default 9324 and 8000; 0 for DynamoDB picks a free port). */
        public Builder ports(int sqs, int dynamoDb) {
            sqsPort = sqs;
            dynamoDbPort = dynamoDb;
            return this;
        }

        /** The port of the scheduler emulator (default 9326); 0 picks any free port (tests). */
        public Builder schedulerPort(int value) {
            schedulerPort = value;
            return this;
        }

        /** Running SQS and DynamoDB to use instead of starting emulators; {@code null} (default) starts one. */
        public Builder endpoints(URI sqs, URI dynamoDb) {
            sqsEndpoint = sqs;
            dynamoDbEndpoint = dynamoDb;
            return this;
        }

        /** Where tables and schedules outlive a restart (default {@code null}: in memory). */
        public Builder dataDirectory(String value) {
            dataDirectory = value;
            return this;
        }

        /** The {@code --set} overrides, keyed {@code <type>.<key>} (default none). */
        public Builder overrides(Map<String, String> value) {
            overrides = value;
            return this;
        }

        /** Handler configuration on top of the process environment (default none). */
        public Builder config(Map<String, String> value) {
            config = value;
            return this;
        }

        /**
         * Lets webhook jobs call {@code hostPort} ({@code 127.0.0.1:8080}) on this machine, that port only: added to
         * {@code SLUICE_WEBHOOK_ALLOW_HOSTS} of {@link #config}, as {@code --allow-host} does. sluice-local's own ports
         * stay refused.
         */
        public Builder allowHost(String hostPort) {
            Map<String, String> value = new LinkedHashMap<>(config);
            value.merge(
                    "SLUICE_WEBHOOK_ALLOW_HOSTS",
                    hostPort,
                    (given, added) -> given.isBlank() ? added : given + "," + added);
            config = value;
            return this;
        }

        /** The job types to run (default empty: every type in the catalogue). */
        public Builder types(List<String> value) {
            types = value;
            return this;
        }

        /** The long-poll wait of each event-source-mapping emulator (default 2 seconds). */
        public Builder pollWaitSeconds(int value) {
            pollWaitSeconds = value;
            return this;
        }

        /** The clock of the functions, pollers and scheduler (default the system's, UTC). */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Told every job's outcome (default none). */
        public Builder listener(OutcomeListener value) {
            listener = value;
            return this;
        }

        /** Whether functions record history, claim jobs and enforce rate limits (default true). */
        public Builder jobState(boolean value) {
            jobState = value;
            return this;
        }

        /** The interpreter that has moto ({@code --python}); {@code null} (default) for {@code SLUICE_PYTHON}, else {@code ./.venv/bin/python3}, else {@code python3}. */
        public Builder python(String value) {
            python = value;
            return this;
        }

        public LocalOptions build() {
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
                    python);
        }
    }
}
