package io.sluice.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.demo.DemoReceiver;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.Rehearsal;
import io.sluice.runtime.RehearsalGuard;
import io.sluice.runtime.SqsQueueOperations;
import io.sluice.store.JobState;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

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
    private static final int BATCH = 10;

    private final Jars jars;
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
    public ColdStartBenchmark(Jars jars, int rounds, List<String> extraJvmArgs, Path logs, Path baseline) {
        this(jars, rounds, extraJvmArgs, logs, baseline, false);
    }

    /**
     * @param primed whether the Sluice candidate runs its SnapStart hooks after construction and before the first
     *     batch (the launcher's {@code primed}); the baseline, if any, runs unprimed, so {@code --primed} with the
     *     same jar as baseline measures priming in the same run
     */
    public ColdStartBenchmark(
            Jars jars, int rounds, List<String> extraJvmArgs, Path logs, Path baseline, boolean primed) {
        this.jars = jars;
        this.rounds = rounds;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.logs = logs;
        this.baseline = baseline;
        this.primed = primed;
    }

    /**
     * The jars the child JVMs run: the launcher in front of either the Sluice function's jar or the bare handler's.
     * {@code sizes} lists every deployment jar whose size the report prints (the per-type jars).
     */
    public record Jars(Path launcher, Path sluice, Path bare, List<Path> sizes) {
        /** The jars {@code mvn package} copies into {@code bench/} beside sluice-local's own jar or classes. */
        public static Jars beside(Path directory) {
            Path dir = directory.resolve("bench");
            List<Path> functions = new ArrayList<>();
            try (var files = Files.list(dir.resolve("functions"))) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(functions::add);
            } catch (IOException e) {
                // no per-type jars: the report then names the Sluice jar alone
            }
            Path webhook = functions.stream()
                    .filter(jar -> typesIn(jar).contains("webhook"))
                    .findFirst()
                    .orElse(dir.resolve("functions").resolve("no-jar-holds-webhook.jar"));
            return new Jars(
                    dir.resolve("sluice-bench-launcher.jar"), webhook, dir.resolve("sluice-bench-bare.jar"), functions);
        }

        /** The job types a deployment jar's catalogue lists. */
        static java.util.Collection<String> typesIn(Path jar) {
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                    new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                return io.sluice.catalogue.Catalogue.load(loader).types();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the catalogue in " + jar, e);
            }
        }

        void requireFiles() {
            for (Path p : List.of(launcher, sluice, bare)) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("no jar at " + p.toAbsolutePath()
                            + "; build it first with `mvn -B -DskipTests package` in the repository root");
                }
            }
        }
    }

    /**
     * One fresh JVM's figures, in milliseconds; the first two from the moment the JVM was started. {@code priming} is
     * the SnapStart hooks' time when the run was primed (then part of {@code firstDone}), else 0.
     */
    public record Run(
            double constructed, double firstDone, double init, double priming, double firstBatch, double warmBatch) {}

    /** Every run of both handlers, the jar sizes, and what priming left behind. */
    public record Result(
            List<Run> sluice, List<Run> bare, List<Run> baseline, Map<Path, Long> jarSizes, PrimingTrace priming) {
        public void print(PrintWriter out) {
            out.printf(
                    "%nsluice-local bench coldstart: %d fresh JVMs per handler (A B A B), %s, %d-message batches%n",
                    sluice.size(), String.join(" ", LAMBDA_JVM_FLAGS), BATCH);
            if (baseline.isEmpty()) {
                out.printf("  %-40s %12s %12s %8s%n", "median, ms", "Sluice", "bare", "ratio");
            } else {
                out.printf(
                        "  %-40s %12s %12s %8s %12s %10s%n",
                        "median, ms", "Sluice", "bare", "ratio", "baseline", "/baseline");
            }
            row(out, "JVM start -> handler constructed", Run::constructed);
            row(out, "  handler initialisation alone", Run::init);
            if (sluice.stream().anyMatch(r -> r.priming() > 0)) {
                row(out, "  SnapStart hooks (Sluice primed)", Run::priming);
            }
            row(out, "JVM start -> first batch done", Run::firstDone);
            row(out, "  first batch alone", Run::firstBatch);
            row(out, "warm batch (claim + completion each)", Run::warmBatch);
            out.printf("  runs, JVM start -> first batch done: Sluice %s, bare %s%n", list(sluice), list(bare));
            if (!baseline.isEmpty()) {
                out.printf("  runs, JVM start -> first batch done: baseline %s%n", list(baseline));
            }
            out.printf("%n  deployment jars:%n");
            jarSizes.forEach((jar, bytes) ->
                    out.printf("  %-40s %,12d bytes (%.1f MB)%n", jar.getFileName(), bytes, bytes / 1e6));
            if (priming != null) {
                out.printf("%n  priming (in-process, against moto):%n");
                priming.print(out);
            }
            out.flush();
        }

        /** The median of a figure over {@code runs}. */
        public static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
            double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        private void row(PrintWriter out, String name, java.util.function.ToDoubleFunction<Run> figure) {
            double s = median(sluice, figure);
            double b = median(bare, figure);
            if (baseline.isEmpty()) {
                out.printf("  %-40s %12.0f %12.0f %8s%n", name, s, b, ratio(s, b));
            } else {
                double c = median(baseline, figure);
                out.printf("  %-40s %12.0f %12.0f %8s %12.0f %10s%n", name, s, b, ratio(s, b), c, ratio(s, c));
            }
        }

        /** The ratio to two decimals, or "-" where the other side has no such step (the bare handler's hooks). */
        private static String ratio(double value, double of) {
            return of > 0 ? String.format("%.2f", value / of) : "-";
        }

        private static String list(List<Run> runs) {
            return runs.stream()
                    .map(r -> String.format("%.0f", r.firstDone()))
                    .toList()
                    .toString();
        }
    }

    /** Runs the benchmark, then the priming hook once in-process against the same emulators. */
    public Result run(LocalOptions base, PrintWriter out) throws Exception {
        jars.requireFiles();
        if (baseline != null && !Files.isRegularFile(baseline)) {
            throw new IllegalStateException("--baseline-jar: no jar at " + baseline.toAbsolutePath());
        }
        List<Run> sluice = new ArrayList<>();
        List<Run> bare = new ArrayList<>();
        List<Run> other = new ArrayList<>();
        PrimingTrace trace = null;
        Path work = Files.createTempDirectory("sluice-coldstart");
        try (LocalRuntime runtime =
                        LocalRuntime.start(base.withTypes(List.of("webhook")).withJobState(true));
                DemoReceiver receiver = DemoReceiver.start("coldstart-bench");
                DynamoDbClient dynamoDb = LocalRuntime.dynamoDbClient(
                        runtime.dynamoDbEndpoint(), base.region(), new DynamoDbRequestCounter())) {
            createBareTable(dynamoDb);
            Child child = new Child(runtime, receiver, base, work);
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
            trace = primeInProcess(runtime, base);
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
        return new Result(sluice, bare, other, sizes, trace);
    }

    /**
     * What the priming hook did when run once in-process on a webhook function with Lambda's guarded clients, against
     * the same moto and ElasticMQ: the tables' items before and after, the requests that reached moto, the requests
     * the guards stopped before transmission, and the rehearsal's outcome.
     */
    public record PrimingTrace(
            long itemsBefore, long itemsAfter, long sentWrites, long sentReads, long stopped, String outcome) {
        void print(PrintWriter out) {
            out.printf("  %-40s %,d before, %,d after%n", "items in the job tables", itemsBefore, itemsAfter);
            out.printf("  %-40s %d writes, %d reads%n", "DynamoDB requests sent while priming", sentWrites, sentReads);
            out.printf("  %-40s %d (rehearsal outcome: %s)%n", "AWS requests stopped before sending", stopped, outcome);
        }
    }

    /** Runs the priming hook once on a new webhook function with guarded clients, as {@link PrimingTrace} says. */
    static PrimingTrace primeInProcess(LocalRuntime runtime, LocalOptions options) {
        DynamoDbRequestCounter sent = new DynamoDbRequestCounter();
        RehearsalGuard dynamoGuard = new RehearsalGuard();
        RehearsalGuard sqsGuard = new RehearsalGuard();
        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider local =
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(runtime.dynamoDbEndpoint())
                        .region(software.amazon.awssdk.regions.Region.of(options.region()))
                        .credentialsProvider(local)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        // The guard first: the counter then sees only what is really sent.
                        .overrideConfiguration(
                                c -> c.addExecutionInterceptor(dynamoGuard).addExecutionInterceptor(sent))
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(runtime.sqsEndpoint())
                        .region(software.amazon.awssdk.regions.Region.of(options.region()))
                        .credentialsProvider(local)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.addExecutionInterceptor(sqsGuard))
                        .build();
                DynamoDbClient counting = LocalRuntime.dynamoDbClient(
                        runtime.dynamoDbEndpoint(), options.region(), new DynamoDbRequestCounter())) {
            Map<String, String> environment = new HashMap<>();
            environment.put(SluiceEnvironment.JOB_TYPE, "webhook");
            environment.put(SluiceEnvironment.APP, options.app());
            environment.put(SluiceEnvironment.METRICS, "on");
            environment.put("SLUICE_WEBHOOK_ALLOW_HOSTS", "loopback");
            environment.put("SLUICE_WEBHOOK_SECRET", "coldstart-bench");
            long before = items(counting, options);
            Rehearsal.Report report;
            try (JobFunction function =
                    JobFunction.from(environment, JobFunction.Clients.of(new SqsQueueOperations(sqs), dynamoDb))) {
                report = function.prime();
                function.restored();
            }
            return new PrimingTrace(
                    before,
                    items(counting, options),
                    sent.writes(),
                    sent.reads(),
                    report.requestsStopped(),
                    report.outcome());
        }
    }

    private static long items(DynamoDbClient dynamoDb, LocalOptions options) {
        return dynamoDb.scan(r -> r.tableName(JobsTable.name(options.app()))).count()
                + dynamoDb.scan(r -> r.tableName(RateLimitTable.name(options.app())))
                        .count();
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

    /** Starts one fresh JVM for a handler, with real messages from the webhook queue, and reads its figures. */
    private final class Child {
        private final LocalRuntime runtime;
        private final DemoReceiver receiver;
        private final LocalOptions options;
        private final Path work;
        private final String queueUrl;
        private final String queueArn;
        private int runs;

        Child(LocalRuntime runtime, DemoReceiver receiver, LocalOptions options, Path work) {
            this.runtime = runtime;
            this.receiver = receiver;
            this.options = options;
            this.work = work;
            this.queueUrl = runtime.queueUrl("webhook", Priority.NORMAL);
            this.queueArn = runtime.queueArn("webhook", Priority.NORMAL);
        }

        Run run(Path jar, String handler, DynamoDbClient dynamoDb) throws Exception {
            return run(jar, handler, dynamoDb, false);
        }

        Run run(Path jar, String handler, DynamoDbClient dynamoDb, boolean prime) throws Exception {
            int n = ++runs;
            List<Message> messages = receiveFresh(2 * BATCH);
            Path first = work.resolve(n + "-first.tsv");
            Path warm = work.resolve(n + "-warm.tsv");
            Files.writeString(first, eventFile(messages.subList(0, BATCH)));
            Files.writeString(warm, eventFile(messages.subList(BATCH, 2 * BATCH)));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAMBDA_JVM_FLAGS);
            command.addAll(extraJvmArgs);
            command.addAll(List.of(
                    "-cp",
                    jars.launcher() + java.io.File.pathSeparator + jar,
                    LAUNCHER,
                    handler,
                    first.toString(),
                    warm.toString()));
            if (prime) {
                command.add("primed");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment());
            long started = System.currentTimeMillis();
            Process process = builder.start();
            Map<String, long[]> marks = new HashMap<>();
            List<String> output = new ArrayList<>();
            java.io.Writer log = logs == null
                    ? java.io.Writer.nullWriter()
                    : Files.newBufferedWriter(Files.createDirectories(logs)
                            .resolve(n + "-" + (handler.equals(SLUICE_HANDLER) ? "sluice" : "bare") + ".log"));
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.write(line + "\n");
                    if (line.startsWith("coldstart ")) {
                        String[] f = line.split(" ");
                        marks.put(f[1], new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
                    } else if (output.size() < 200) {
                        output.add(line);
                    }
                }
            }
            log.close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (String step : prime
                    ? List.of("constructed", "primed", "first", "warm")
                    : List.of("constructed", "first", "warm")) {
                long[] m = marks.get(step);
                if (m == null || m[2] != 0 || process.exitValue() != 0) {
                    throw new IllegalStateException(handler + " from " + jar.getFileName() + " did not finish its "
                            + step + " step cleanly (exit " + process.exitValue() + ", failed messages "
                            + (m == null ? "?" : m[2]) + "); the benchmark is void. Its output:\n"
                            + String.join("\n", output));
                }
            }
            requireRecorded(handler, messages.get(messages.size() - 1), dynamoDb);
            delete(messages);
            return new Run(
                    marks.get("constructed")[0] - started,
                    marks.get("first")[0] - started,
                    marks.get("constructed")[1] / 1e6,
                    prime ? marks.get("primed")[1] / 1e6 : 0,
                    marks.get("first")[1] / 1e6,
                    marks.get("warm")[1] / 1e6);
        }

        private Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("AWS_REGION", options.region());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_ENDPOINT_URL_SQS", runtime.sqsEndpoint().toString());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", runtime.dynamoDbEndpoint().toString());
            // No shared config files: neither handler may read this machine's ~/.aws.
            env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
            env.put(
                    "AWS_SHARED_CREDENTIALS_FILE",
                    work.resolve("no-aws-credentials").toString());
            env.put(SluiceEnvironment.JOB_TYPE, "webhook");
            env.put(SluiceEnvironment.APP, options.app());
            env.put(SluiceEnvironment.JOBS_TABLE, JobsTable.name(options.app()));
            env.put(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(options.app()));
            // As deployed: metrics on (one EMF document per batch), requests signed.
            env.put(SluiceEnvironment.METRICS, "on");
            env.put("SLUICE_WEBHOOK_SECRET", "coldstart-bench");
            env.put("SLUICE_WEBHOOK_ALLOW_HOSTS", "loopback");
            env.put("BARE_TABLE", BARE_TABLE);
            return env;
        }

        /** Sends {@code count} new webhook jobs and receives exactly them, as the poller would. */
        private List<Message> receiveFresh(int count) throws Exception {
            SqsClient sqs = runtime.sqs();
            JsonNode payload = SluiceJson.mapper()
                    .valueToTree(Map.of("url", receiver.baseUri() + "/ok", "body", Map.of("bench", "coldstart")));
            for (int i = 0; i < count; i += BATCH) {
                List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> entries =
                        new ArrayList<>();
                for (int j = 0; j < BATCH; j++) {
                    entries.add(software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(j))
                            .messageBody(
                                    JobEnvelope.create("webhook", Priority.NORMAL, payload, java.time.Instant.now())
                                            .toJson())
                            .build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            }
            List<Message> received = new ArrayList<>();
            while (received.size() < count) {
                received.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(Math.min(10, count - received.size()))
                                .visibilityTimeout(600)
                                .waitTimeSeconds(1)
                                .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                        .messages());
            }
            return received;
        }

        private String eventFile(List<Message> messages) {
            StringBuilder file = new StringBuilder();
            for (Message m : messages) {
                file.append(m.messageId())
                        .append('\t')
                        .append(m.receiptHandle())
                        .append('\t')
                        .append(queueArn)
                        .append('\t')
                        .append(options.region())
                        .append('\t')
                        .append(Base64.getEncoder().encodeToString(m.body().getBytes(StandardCharsets.UTF_8)));
                m.attributesAsStrings()
                        .forEach((k, v) ->
                                file.append('\t').append(k).append('=').append(v));
                file.append('\n');
            }
            return file.toString();
        }

        /** The run counts only if its last job's completion is in its table. */
        private void requireRecorded(String handler, Message last, DynamoDbClient dynamoDb) throws IOException {
            String jobId =
                    SluiceJson.mapper().readTree(last.body()).path("jobId").asText();
            boolean done;
            if (handler.equals(SLUICE_HANDLER)) {
                done = runtime.jobStore()
                        .get(jobId)
                        .map(r -> r.state() == JobState.SUCCEEDED)
                        .orElse(false);
            } else {
                Map<String, AttributeValue> item = dynamoDb.getItem(
                                r -> r.tableName(BARE_TABLE).key(Map.of("id", AttributeValue.fromS(jobId))))
                        .item();
                done = item != null && "succeeded".equals(item.get("state").s());
            }
            if (!done) {
                throw new IllegalStateException(
                        "job " + jobId + " run by " + handler + " has no completion record; the benchmark is void");
            }
        }

        private void delete(List<Message> messages) {
            for (int i = 0; i < messages.size(); i += BATCH) {
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int j = i; j < Math.min(messages.size(), i + BATCH); j++) {
                    entries.add(DeleteMessageBatchRequestEntry.builder()
                            .id(Integer.toString(j))
                            .receiptHandle(messages.get(j).receiptHandle())
                            .build());
                }
                runtime.sqs().deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            }
        }
    }
}
