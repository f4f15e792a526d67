package io.sluice.local.bench;

import io.sluice.local.LocalClients;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.demo.DemoReceiver;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.topology.SluiceEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The cold-start benchmark: fresh JVMs with the Lambda java21 runtime's JIT and GC flags, each creating one handler from
 * its deployment jar and running a first and a second (warm) 10-message batch of webhook jobs against this machine's
 * ElasticMQ and moto, for the Sluice webhook function and for the bare handler ({@code io.sluice.bench.bare}, the
 * honest minimum), alternately A B A B after one unmeasured pair, so both see the same machine load. Each run's
 * messages are real ones received from the webhook queue, as Lambda's poller would hand them over; every run is
 * checked (no failed message, the last job's state written) or the benchmark is void. Times are taken from the
 * moment the bench starts the JVM; the launcher ({@code io.sluice.bench.launcher}) prints when each step ended.
 */
public final class ColdStartBenchmark {
    /** Lambda's java21 JVM options that matter for start-up (its default {@code JAVA_TOOL_OPTIONS}), plus its GC. */
    public static final List<String> LAMBDA_JVM_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static final String SLUICE_HANDLER = SluiceEnvironment.HANDLER.replace("::handleRequest", "");
    static final String BARE_HANDLER = "io.sluice.bench.bare.BareHandler";
    static final String LAUNCHER = "io.sluice.bench.launcher.ColdStartLauncher";
    static final String BARE_TABLE = "sluice-bench-bare-jobs";
    static final int BATCH = 10;

    private final ColdStartJars jars;
    private final int rounds;
    private final List<String> extraJvmArgs;
    private final Path logs;
    private final Path baseline;
    private final boolean primed;

    /**
     * @param extraJvmArgs added to both handlers' JVMs after Lambda's flags (diagnostics such as
     *     {@code -Xlog:class+load}); none for the figures
     * @param logs a folder for each child JVM's output ({@code <run>-<sluice|bare>.log}), or null to keep none
     * @param baseline another build's webhook jar, run as a third candidate in every round (A B C A B C) to measure a
     *     change in the same run, or null
     */
    public ColdStartBenchmark(ColdStartJars jars, int rounds, List<String> extraJvmArgs, Path logs, Path baseline) {
        this(jars, rounds, extraJvmArgs, logs, baseline, false);
    }

    /**
     * @param primed whether the Sluice candidate runs its SnapStart hooks after construction and before the first
     *     batch (the launcher's {@code primed}); the baseline, if any, runs unprimed, so {@code --primed} with the
     *     same jar as baseline measures priming in the same run
     */
    public ColdStartBenchmark(
            ColdStartJars jars, int rounds, List<String> extraJvmArgs, Path logs, Path baseline, boolean primed) {
        this.jars = jars;
        this.rounds = rounds;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.logs = logs;
        this.baseline = baseline;
        this.primed = primed;
    }

    /** Runs the benchmark, then the priming hook once in-process against the same emulators. */
    public ColdStartResult run(LocalOptions base, PrintWriter out) throws Exception {
        jars.requireFiles();
        if (baseline != null && !Files.isRegularFile(baseline)) {
            throw new IllegalStateException("--baseline-jar: no jar at " + baseline.toAbsolutePath());
        }
        List<ColdStartRun> sluice = new ArrayList<>();
        List<ColdStartRun> bare = new ArrayList<>();
        List<ColdStartRun> other = new ArrayList<>();
        PrimingTrace trace = null;
        Path work = Files.createTempDirectory("sluice-coldstart");
        try (LocalRuntime runtime = LocalRuntime.start(base.toBuilder()
                        .types(List.of("webhook"))
                        .jobState(true)
                        .build());
                DemoReceiver receiver = DemoReceiver.start("coldstart-bench");
                DynamoDbClient dynamoDb = LocalClients.dynamoDb(
                        runtime.dynamoDbEndpoint(), base.region(), new DynamoDbRequestCounter())) {
            createBareTable(dynamoDb);
            ColdStartChild child =
                    new ColdStartChild(runtime, receiver, base, work, jars.launcher(), extraJvmArgs, logs);
            out.println("One unmeasured pair (file cache), then " + rounds + " measured pairs...");
            out.flush();
            child.run(jars.sluice(), SLUICE_HANDLER, dynamoDb, primed);
            child.run(jars.bare(), BARE_HANDLER, dynamoDb);
            if (baseline != null) {
                child.run(baseline, SLUICE_HANDLER, dynamoDb);
            }
            for (int round = 0; round < rounds; round++) {
                sluice.add(child.run(jars.sluice(), SLUICE_HANDLER, dynamoDb, primed));
                bare.add(child.run(jars.bare(), BARE_HANDLER, dynamoDb));
                if (baseline != null) {
                    other.add(child.run(baseline, SLUICE_HANDLER, dynamoDb));
                }
                out.printf(
                        "  pair %d of %d: Sluice %.0f ms, bare %.0f ms to the first batch done%n",
                        round + 1,
                        rounds,
                        sluice.get(round).firstDone(),
                        bare.get(round).firstDone());
                out.flush();
            }
            out.println("Priming a webhook function once in-process...");
            out.flush();
            trace = PrimingTrace.measure(runtime, base);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Map<Path, Long> sizes = new LinkedHashMap<>();
        for (Path p : jars.sizes().isEmpty() ? List.of(jars.sluice()) : jars.sizes()) {
            sizes.put(p, Files.size(p));
        }
        sizes.put(jars.bare(), Files.size(jars.bare()));
        if (baseline != null) {
            sizes.put(baseline, Files.size(baseline));
        }
        return new ColdStartResult(sluice, bare, other, sizes, trace);
    }

    private static void createBareTable(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(r -> r.tableName(BARE_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build()));
    }
}
