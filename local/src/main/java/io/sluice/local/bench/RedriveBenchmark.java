package io.sluice.local.bench;

import io.sluice.catalogue.Catalogue;
import io.sluice.job.Priority;
import io.sluice.local.LocalClients;
import io.sluice.local.LocalOperations;
import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.RedriveResult;
import io.sluice.ops.SluiceOperations;
import io.sluice.topology.QueueSpec;
import io.sluice.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * How fast a dead-letter queue goes back to its queue on one machine's ElasticMQ, the two ways the operations library
 * redrives: a selective redrive (held, then copies sent in batches of ten before their originals are deleted) and
 * SQS's own {@code StartMessageMoveTask} (what {@code --all} uses). The two alternate in every round, on the same
 * fresh dead letters, so a noisy machine hurts both alike; the medians are compared. It also counts the SQS requests
 * the selective redrive makes per 100 messages.
 */
public final class RedriveBenchmark {
    private final int messages;
    private final int rounds;

    public RedriveBenchmark(int messages, int rounds) {
        this.messages = messages;
        this.rounds = rounds;
    }

    /** The figures of one run. */
    public record Result(int messages, List<Double> selective, List<Double> moveTask, double requestsPer100) {
        public void print(PrintWriter out) {
            out.printf("redrive of %d dead letters (ElasticMQ, %d rounds, alternating)%n", messages, selective.size());
            out.printf(
                    "  selective (send batch, then delete batch)  %8.0f msg/s  (rounds %s)%n",
                    median(selective), rounds(selective));
            out.printf(
                    "  StartMessageMoveTask (--all)               %8.0f msg/s  (rounds %s)%n",
                    median(moveTask), rounds(moveTask));
            out.printf("  SQS requests per 100 messages, selective   %8.1f%n", requestsPer100);
            out.flush();
        }

        private static String rounds(List<Double> values) {
            return String.join(
                    " / ", values.stream().map(v -> String.format("%.0f", v)).toList());
        }
    }

    public Result run() {
        AtomicLong requests = new AtomicLong();
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.incrementAndGet();
            }
        };
        try (ElasticMqServer server = ElasticMqServer.start("127.0.0.1", freePort(), "us-east-1")) {
            URI endpoint = server.endpoint();
            SqsClient plain = LocalClients.sqs(endpoint, "us-east-1");
            Topology topology = Topology.derive("bench", Catalogue.load());
            QueueSpec spec = topology.job("noop").queue(Priority.NORMAL);
            String dlq =
                    plain.createQueue(r -> r.queueName(spec.deadLetterName())).queueUrl();
            String queue = plain.createQueue(r -> r.queueName(spec.name())).queueUrl();
            URI nowhere = URI.create("http://127.0.0.1:9");
            try (OperationsClients clients =
                            LocalOperations.clients(endpoint, nowhere, nowhere, nowhere, nowhere, "us-east-1");
                    SqsClient counted = software.amazon.awssdk.services.sqs.SqsClient.builder()
                            .endpointOverride(endpoint)
                            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                            .credentialsProvider(
                                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                                    "local", "local")))
                            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                            .overrideConfiguration(c -> c.addExecutionInterceptor(counting))
                            .build()) {
                SluiceOperations ops = SluiceOperations.builder()
                        .app("bench")
                        .clients(new OperationsClients(
                                counted,
                                clients.lambda(),
                                clients.scheduler(),
                                clients.dynamoDb(),
                                clients.cloudWatch()))
                        .build();
                List<Double> selective = new ArrayList<>();
                List<Double> moveTask = new ArrayList<>();
                long selectiveRequests = 0;
                // One warm-up of each, unmeasured.
                for (int round = -1; round < rounds; round++) {
                    for (int leg = 0; leg < 2; leg++) {
                        boolean selectiveFirst = round % 2 == 0;
                        boolean isSelective = (leg == 0) == selectiveFirst;
                        fill(plain, dlq);
                        long before = requests.get();
                        long start = System.nanoTime();
                        RedriveResult result = isSelective
                                ? ops.redrive("noop", Priority.NORMAL, DeadLetterFilter.byReason("max-attempts"), 1000)
                                : ops.redrive("noop", Priority.NORMAL, DeadLetterFilter.ALL, 1000);
                        awaitDepth(plain, queue, messages);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        if (isSelective && result.moved().size() != messages) {
                            throw new IllegalStateException("selective redrive moved "
                                    + result.moved().size() + " of " + messages + ": " + result.failed());
                        }
                        if (round >= 0) {
                            (isSelective ? selective : moveTask).add(messages / seconds);
                            if (isSelective) {
                                selectiveRequests += requests.get() - before;
                            }
                        }
                        plain.purgeQueue(r -> r.queueUrl(queue));
                        awaitDepth(plain, queue, 0);
                    }
                }
                plain.close();
                return new Result(
                        messages, selective, moveTask, 100.0 * selectiveRequests / (messages * (double) rounds));
            }
        }
    }

    private void fill(SqsClient sqs, String dlq) {
        for (int i = 0; i < messages; i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(messages, i + 10); j++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .messageBody("{\"specVersion\":\"1\",\"jobId\":\"bench-" + j
                                + "\",\"type\":\"noop\",\"payload\":{\"note\":\"x\"},\"attempt\":3}")
                        .messageAttributes(Map.of(
                                "sluice-dead-letter-reason",
                                software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("max-attempts")
                                        .build()))
                        .build());
            }
            sqs.sendMessageBatch(r -> r.queueUrl(dlq).entries(entries));
        }
    }

    private static void awaitDepth(SqsClient sqs, String url, long expected) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(
                            r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes();
            if (Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)) == expected) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("queue " + url + " never held " + expected + " messages");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
