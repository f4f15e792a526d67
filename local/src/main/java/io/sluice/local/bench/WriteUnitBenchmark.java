package io.sluice.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalClients;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.demo.DemoReceiver;
import io.sluice.local.demo.OutcomeTally;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.WriteRecorder;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.topology.JobsTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Write units per job as AWS would bill them, by outcome, from a real run: webhook jobs against the demo's receiver
 * (most answered at once, some only at their second attempt, some refused for good, some failing every attempt) on
 * sluice-local with job state, every write to the jobs table recorded by a {@link WriteRecorder} and priced by its
 * {@link io.sluice.moto.WriteUnitModel}. Each job's units are its item's; the outcome comes from its history.
 */
public final class WriteUnitBenchmark {
    /** The outcomes the issue prices. */
    public enum Outcome {
        FIRST_TIME_SUCCESS("first-time success"),
        RETRIED_SUCCESS("retried success"),
        DEAD_LETTERED("dead-lettered");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** The units of one outcome: how many jobs, and their table and index units in all. */
    public record Figures(int jobs, long tableUnits, long indexUnits) {
        public double perJob() {
            return jobs == 0 ? 0 : (tableUnits + indexUnits) / (double) jobs;
        }

        public double tablePerJob() {
            return jobs == 0 ? 0 : tableUnits / (double) jobs;
        }

        public double indexPerJob() {
            return jobs == 0 ? 0 : indexUnits / (double) jobs;
        }
    }

    /** The figures of one run. */
    public record Result(Map<Outcome, Figures> byOutcome) {
        public void print(PrintWriter out) {
            out.printf(
                    "%n  DynamoDB write units per job, as AWS bills them (indexes included, from the run's items):%n");
            for (Outcome outcome : Outcome.values()) {
                Figures f = byOutcome.get(outcome);
                out.printf(
                        "  %-44s %10.2f   (table %.2f + indexes %.2f; %d jobs) -> $%.2f per million jobs%n",
                        outcome.label,
                        f.perJob(),
                        f.tablePerJob(),
                        f.indexPerJob(),
                        f.jobs(),
                        ListPrices.perMillionJobs(f.perJob()));
            }
            out.printf(
                    "  %-44s SQS and Lambda $%.2f, DynamoDB $%.3f per million write units%n",
                    "(list prices, us-east-1)",
                    ListPrices.SQS_AND_LAMBDA_PER_MILLION_JOBS,
                    ListPrices.DYNAMODB_PER_MILLION_WRITE_UNITS);
            out.flush();
        }
    }

    private final int jobs;

    /** @param jobs webhook jobs to run, at least 20 */
    public WriteUnitBenchmark(int jobs) {
        this.jobs = jobs;
    }

    public Result run(LocalOptions base, PrintWriter out) throws Exception {
        String secret = UUID.randomUUID().toString();
        OutcomeTally tally = new OutcomeTally();
        Map<String, String> overrides = new HashMap<>(base.overrides());
        overrides.put("webhook.backoff.initial", "PT0.2S");
        overrides.put("webhook.backoff.max", "PT0.5S");
        overrides.put("webhook.maxAttempts", "3");
        Map<String, String> config = new HashMap<>(base.config());
        config.put("SLUICE_WEBHOOK_SECRET", secret);
        LocalOptions options = base.toBuilder()
                .types(List.of("webhook"))
                .overrides(overrides)
                .config(config)
                .listener(tally)
                .jobState(true)
                .build();
        out.println("Measuring write units per job (" + jobs + " webhook jobs on moto, every write recorded)...");
        out.flush();
        try (DemoReceiver receiver = DemoReceiver.start(secret);
                LocalRuntime runtime = LocalRuntime.start(options.toBuilder()
                        .allowHost("127.0.0.1:" + receiver.baseUri().getPort())
                        .build());
                DynamoDbClient reader = LocalClients.dynamoDb(
                        runtime.dynamoDbEndpoint(), options.region(), new DynamoDbRequestCounter())) {
            WriteRecorder recorder = new WriteRecorder(reader, JobsTable.spec(options.app()));
            runtime.dynamoDbRequests().attach(recorder);
            List<String> ids = send(runtime, receiver);
            runtime.startConsumers();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (tally.finished() < ids.size() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            runtime.stopConsumers();
            runtime.dynamoDbRequests().detach(recorder);
            if (tally.finished() < ids.size()) {
                throw new IllegalStateException("only " + tally.finished() + " of " + ids.size()
                        + " jobs finished in 3 minutes; the benchmark is void");
            }
            Map<Outcome, long[]> sums = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                sums.put(o, new long[3]);
            }
            for (String id : ids) {
                JobRecord job = runtime.jobStore().get(id).orElseThrow();
                Outcome outcome = job.state() == JobState.DEAD_LETTERED
                        ? Outcome.DEAD_LETTERED
                        : job.attempts().size() == 1 ? Outcome.FIRST_TIME_SUCCESS : Outcome.RETRIED_SUCCESS;
                WriteRecorder.Tally units = recorder.item(JobsTable.jobPartition(id));
                long[] sum = sums.get(outcome);
                sum[0]++;
                sum[1] += units.tableUnits();
                sum[2] += units.indexUnits();
            }
            Map<Outcome, Figures> figures = new EnumMap<>(Outcome.class);
            sums.forEach((o, s) -> figures.put(o, new Figures((int) s[0], s[1], s[2])));
            return new Result(figures);
        }
    }

    /**
     * The workload, on the normal queue: of every 20 jobs, 14 answered at once ({@code /ok}), 3 at their second
     * attempt ({@code /flaky}), 2 refused for good ({@code /gone}, dead-lettered at once) and 1 failing every attempt
     * ({@code /broken}, dead-lettered after its last). Returns the job ids.
     */
    private List<String> send(LocalRuntime runtime, DemoReceiver receiver) {
        String url = runtime.queueUrl("webhook", Priority.NORMAL);
        List<String> ids = new ArrayList<>();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            int bucket = i % 20;
            String path = bucket < 14 ? "/ok" : bucket < 17 ? "/flaky" : bucket < 19 ? "/gone" : "/broken";
            JsonNode payload = SluiceJson.mapper()
                    .valueToTree(Map.of("url", receiver.baseUri() + path, "method", "POST", "body", Map.of("n", i)));
            JobEnvelope envelope = JobEnvelope.create("webhook", Priority.NORMAL, payload, Instant.now())
                    .withSource("bench");
            ids.add(envelope.jobId());
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(batch.size()))
                    .messageBody(envelope.toJson())
                    .build());
            if (batch.size() == 10 || i == jobs - 1) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                runtime.sqs().sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                batch.clear();
            }
        }
        return ids;
    }
}
