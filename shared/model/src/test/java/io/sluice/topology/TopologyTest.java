package io.sluice.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.job.Jitter;
import io.sluice.job.Priority;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
    private static final RetryPolicy BACKOFF =
            new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15), Jitter.FULL);

    static JobDefinition job(
            String type,
            List<Priority> priorities,
            int maxAttempts,
            Duration timeout,
            int concurrency,
            int batchSize,
            Duration window,
            boolean fifo,
            int parallelism) {
        return JobDefinition.builder()
                .type(type)
                .handlerClass("x.Handler")
                .payloadClass("x.Payload")
                .priorities(priorities)
                .maxAttempts(maxAttempts)
                .backoff(BACKOFF)
                .timeout(timeout)
                .memoryMb(512)
                .concurrency(concurrency)
                .batchSize(batchSize)
                .maxBatchingWindow(window)
                .fifo(fifo)
                .description("")
                .parallelism(parallelism)
                .rateLimit(RateLimitSpec.UNLIMITED)
                .build();
    }

    @Test
    void namesQueuesAndDeadLetterQueuesPerTypeAndPriority() {
        Topology t = Topology.derive(
                "sluice",
                new Catalogue(List.of(job(
                        "webhook",
                        List.of(Priority.HIGH, Priority.NORMAL),
                        5,
                        Duration.ofSeconds(30),
                        10,
                        10,
                        Duration.ZERO,
                        false,
                        10))));
        JobTopology webhook = t.job("webhook");
        assertEquals("sluice-webhook-high", webhook.queue(Priority.HIGH).name());
        assertEquals("sluice-webhook-high-dlq", webhook.queue(Priority.HIGH).deadLetterName());
        assertEquals("sluice-webhook-normal", webhook.queue(Priority.NORMAL).name());
        assertEquals("sluice-webhook", webhook.function().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> webhook.queue(Priority.LOW));
        assertEquals("job type 'webhook' has no low queue; its priorities are [HIGH, NORMAL]", e.getMessage());
    }

    @Test
    void fifoTypesGetFifoQueuesAndFifoDeadLetterQueues() {
        QueueSpec q = Topology.derive(
                        "shop",
                        new Catalogue(List.of(job(
                                "orders",
                                List.of(Priority.NORMAL),
                                3,
                                Duration.ofSeconds(10),
                                4,
                                10,
                                Duration.ZERO,
                                true,
                                10))))
                .job("orders")
                .queue(Priority.NORMAL);
        assertEquals("shop-orders-normal.fifo", q.name());
        assertEquals("shop-orders-normal-dlq.fifo", q.deadLetterName());
        assertTrue(q.fifo());
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheBatchingWindow() {
        JobDefinition d = job(
                "bulk",
                List.of(Priority.NORMAL),
                5,
                Duration.ofSeconds(30),
                10,
                100,
                Duration.ofSeconds(20),
                false,
                10);
        JobTopology j = Topology.derive("sluice", new Catalogue(List.of(d))).job("bulk");
        // 100 messages at 10 at a time: 10 rounds of 30 s, plus the 5 s margin.
        assertEquals(Duration.ofSeconds(305), j.function().timeout());
        assertEquals(Duration.ofSeconds(6 * 305 + 20), j.queue(Priority.NORMAL).visibilityTimeout());
    }

    @Test
    void functionTimeoutIsWholeSecondsBecauseLambdaAcceptsNoOther() {
        JobDefinition d =
                job("quick", List.of(Priority.NORMAL), 5, Duration.ofMillis(1500), 4, 1, Duration.ZERO, false, 1);
        JobTopology j = Topology.derive("sluice", new Catalogue(List.of(d))).job("quick");
        // 1.5 s + the 5 s margin = 6.5 s, which Lambda would not accept: 7 s, and the visibility follows it.
        assertEquals(Duration.ofSeconds(7), j.function().timeout());
        assertEquals(Duration.ofSeconds(42), j.queue(Priority.NORMAL).visibilityTimeout());
    }

    @Test
    void functionTimeoutNeverExceedsLambdasFifteenMinutes() {
        JobDefinition d =
                job("slow", List.of(Priority.NORMAL), 5, Duration.ofMinutes(10), 10, 10, Duration.ZERO, false, 1);
        JobTopology j = Topology.derive("sluice", new Catalogue(List.of(d))).job("slow");
        assertEquals(Duration.ofMinutes(15), j.function().timeout());
        assertEquals(Duration.ofMinutes(90), j.queue(Priority.NORMAL).visibilityTimeout());
    }

    @Test
    void fifoBatchesNeedOneJobTimeoutPerMessageBecauseAGroupRunsInOrder() {
        JobDefinition d =
                job("ordered", List.of(Priority.NORMAL), 5, Duration.ofSeconds(10), 4, 10, Duration.ZERO, true, 10);
        assertEquals(Duration.ofSeconds(105), Topology.functionTimeout(d));
    }

    @Test
    void redriveCountLeavesHeadroomAboveMaxAttemptsForReceivesThatAreNotAttempts() {
        Catalogue c = new Catalogue(List.of(
                job("few", List.of(Priority.NORMAL), 2, Duration.ofSeconds(5), 4, 10, Duration.ZERO, false, 10),
                job("many", List.of(Priority.NORMAL), 12, Duration.ofSeconds(5), 4, 10, Duration.ZERO, false, 10)));
        Topology t = Topology.derive("sluice", c);
        assertEquals(12, t.job("few").queue(Priority.NORMAL).maxReceiveCount());
        assertEquals(22, t.job("many").queue(Priority.NORMAL).maxReceiveCount());
        assertEquals(Duration.ofDays(14), t.job("few").queue(Priority.NORMAL).deadLetterRetention());
    }

    @Test
    void aFifoRedriveCountAlsoCoversReturnsWhileHeldBehindFailingMessagesOfItsGroup() {
        Catalogue c = new Catalogue(List.of(
                job("ordered", List.of(Priority.NORMAL), 5, Duration.ofSeconds(5), 4, 10, Duration.ZERO, true, 10),
                job("huge", List.of(Priority.NORMAL), 200, Duration.ofSeconds(5), 4, 10, Duration.ZERO, true, 10)));
        Topology t = Topology.derive("sluice", c);
        assertEquals(60, t.job("ordered").queue(Priority.NORMAL).maxReceiveCount(), "5 attempts x batch of 10 + 10");
        assertEquals(1000, t.job("huge").queue(Priority.NORMAL).maxReceiveCount(), "SQS's maximum");
    }

    @Test
    void concurrencySharesAreWeightedByPriorityAndAddUpToTheReservedConcurrency() {
        List<Priority> all = List.of(Priority.HIGH, Priority.NORMAL, Priority.LOW);
        // 12 = 2 each + 6 split 3:2:1.
        assertEquals(List.of(5, 4, 3), boxed(Topology.concurrencyShares(12, all)));
        for (int c = 6; c <= 200; c++) {
            int[] shares = Topology.concurrencyShares(c, all);
            assertEquals(c, Arrays.stream(shares).sum(), "shares of " + c);
            assertTrue(shares[0] >= shares[1] && shares[1] >= shares[2], "high >= normal >= low for " + c);
            assertTrue(shares[2] >= 2, "every mapping gets Lambda's minimum of 2");
        }
        assertEquals(List.of(2, 2), boxed(Topology.concurrencyShares(4, List.of(Priority.HIGH, Priority.LOW))));
        assertEquals(List.of(7), boxed(Topology.concurrencyShares(7, List.of(Priority.NORMAL))));
    }

    @Test
    void mappingsCarryBatchSizeWindowAndTheirShare() {
        JobDefinition d = job(
                "bulk",
                List.of(Priority.HIGH, Priority.LOW),
                5,
                Duration.ofSeconds(30),
                10,
                100,
                Duration.ofSeconds(20),
                false,
                10);
        JobTopology j = Topology.derive("sluice", new Catalogue(List.of(d))).job("bulk");
        EventSourceMappingSpec high = j.queue(Priority.HIGH).eventSourceMapping();
        assertEquals(100, high.batchSize());
        assertEquals(Duration.ofSeconds(20), high.maxBatchingWindow());
        assertEquals(7, high.maximumConcurrency());
        assertEquals(3, j.queue(Priority.LOW).eventSourceMapping().maximumConcurrency());
        assertEquals(10, j.function().reservedConcurrency());
    }

    @Test
    void refusesAnAppNameThatWouldBreakQueueNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Topology("My_App", List.of()));
        assertEquals("app name 'My_App' must match [a-z][a-z0-9-]{0,19}", e.getMessage());
    }

    @Test
    void refusesAnInvalidDefinition() {
        JobDefinition bad =
                job("bad", List.of(Priority.NORMAL), 0, Duration.ofSeconds(30), 10, 10, Duration.ZERO, false, 10);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Topology.derive("sluice", new Catalogue(List.of(bad))));
        assertEquals("job type 'bad': maxAttempts must be between 1 and 1000, was 0", e.getMessage());
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
