package io.sluice.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.demo.DemoReceiver;
import io.sluice.store.JobState;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Starts one fresh JVM for a handler, with Lambda's JVM flags and real messages received from the webhook queue as
 * Lambda's poller would hand them over, reads the times the launcher prints, and checks the run (no failed message,
 * the last job's completion recorded) or declares the benchmark void.
 */
final class ColdStartChild {
    private final LocalRuntime runtime;
    private final DemoReceiver receiver;
    private final LocalOptions options;
    private final Path work;
    private final String queueUrl;
    private final String queueArn;
    private final Path launcher;
    private final List<String> extraJvmArgs;
    private final Path logs;
    private int runs;

    ColdStartChild(
            LocalRuntime runtime,
            DemoReceiver receiver,
            LocalOptions options,
            Path work,
            Path launcher,
            List<String> extraJvmArgs,
            Path logs) {
        this.launcher = launcher;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.logs = logs;
        this.runtime = runtime;
        this.receiver = receiver;
        this.options = options;
        this.work = work;
        this.queueUrl = runtime.queueUrl("webhook", Priority.NORMAL);
        this.queueArn = runtime.queueArn("webhook", Priority.NORMAL);
    }

    ColdStartRun run(Path jar, String handler, DynamoDbClient dynamoDb) throws Exception {
        return run(jar, handler, dynamoDb, false);
    }

    ColdStartRun run(Path jar, String handler, DynamoDbClient dynamoDb, boolean prime) throws Exception {
        int n = ++runs;
        List<Message> messages = receiveFresh(2 * ColdStartBenchmark.BATCH);
        Path first = work.resolve(n + "-first.tsv");
        Path warm = work.resolve(n + "-warm.tsv");
        Files.writeString(first, eventFile(messages.subList(0, ColdStartBenchmark.BATCH)));
        Files.writeString(warm, eventFile(messages.subList(ColdStartBenchmark.BATCH, 2 * ColdStartBenchmark.BATCH)));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ColdStartBenchmark.LAMBDA_JVM_FLAGS);
        command.addAll(extraJvmArgs);
        command.addAll(List.of(
                "-cp",
                launcher + java.io.File.pathSeparator + jar,
                ColdStartBenchmark.LAUNCHER,
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
                        .resolve(n + "-" + (handler.equals(ColdStartBenchmark.SLUICE_HANDLER) ? "sluice" : "bare")
                                + ".log"));
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
        for (String step :
                prime ? List.of("constructed", "primed", "first", "warm") : List.of("constructed", "first", "warm")) {
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
        return new ColdStartRun(
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
        env.put("BARE_TABLE", ColdStartBenchmark.BARE_TABLE);
        return env;
    }

    /** Sends {@code count} new webhook jobs and receives exactly them, as the poller would. */
    private List<Message> receiveFresh(int count) throws Exception {
        SqsClient sqs = runtime.sqs();
        JsonNode payload = SluiceJson.mapper()
                .valueToTree(Map.of("url", receiver.baseUri() + "/ok", "body", Map.of("bench", "coldstart")));
        for (int i = 0; i < count; i += ColdStartBenchmark.BATCH) {
            List<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < ColdStartBenchmark.BATCH; j++) {
                entries.add(software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j))
                        .messageBody(JobEnvelope.create("webhook", Priority.NORMAL, payload, java.time.Instant.now())
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
                    .forEach((k, v) -> file.append('\t').append(k).append('=').append(v));
            file.append('\n');
        }
        return file.toString();
    }

    /** The run counts only if its last job's completion is in its table. */
    private void requireRecorded(String handler, Message last, DynamoDbClient dynamoDb) throws IOException {
        String jobId = SluiceJson.mapper().readTree(last.body()).path("jobId").asText();
        boolean done;
        if (handler.equals(ColdStartBenchmark.SLUICE_HANDLER)) {
            done = runtime.jobStore()
                    .get(jobId)
                    .map(r -> r.state() == JobState.SUCCEEDED)
                    .orElse(false);
        } else {
            Map<String, AttributeValue> item = dynamoDb.getItem(r ->
                            r.tableName(ColdStartBenchmark.BARE_TABLE).key(Map.of("id", AttributeValue.fromS(jobId))))
                    .item();
            done = item != null && "succeeded".equals(item.get("state").s());
        }
        if (!done) {
            throw new IllegalStateException(
                    "job " + jobId + " run by " + handler + " has no completion record; the benchmark is void");
        }
    }

    private void delete(List<Message> messages) {
        for (int i = 0; i < messages.size(); i += ColdStartBenchmark.BATCH) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(messages.size(), i + ColdStartBenchmark.BATCH); j++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j))
                        .receiptHandle(messages.get(j).receiptHandle())
                        .build());
            }
            runtime.sqs().deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        }
    }
}
