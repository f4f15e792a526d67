package io.sluice.runtime.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.RateLimitSpec;
import io.sluice.moto.TableCreator;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The rate limiter against a real DynamoDB (moto, one server per test JVM). Time is always the {@code now} handed in;
 * nothing waits for the clock.
 */
class DynamoDbRateLimiterTest {
    /** A moment inside the minute 10:15 of an hour and a day, so every window boundary is visible. */
    // Far in the future on purpose: the emulator's TTL sweep deletes items whose expiry has passed by the
    // machine's clock within a second, so a counter dated in the past would vanish mid-test.
    private static final Instant NOW = Instant.parse("2096-11-23T10:15:42.250Z");

    private static final AtomicInteger APPS = new AtomicInteger();

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private String table;
    private DynamoDbRateLimiter limiter;

    @BeforeAll
    static void startDynamoDb() {}

    @AfterAll
    static void stopDynamoDb() throws Exception {}

    /** A fresh table per test, named like an app's. */
    @BeforeEach
    void createTable() {
        TableSpec spec = RateLimitTable.spec("app" + APPS.incrementAndGet());
        new TableCreator(dynamoDb.client()).createIfMissing(spec);
        table = spec.name();
        limiter = new DynamoDbRateLimiter(dynamoDb.client(), table);
    }

    private static RateLimitSpec limits(int perMinute, int perHour, int perDay, Duration minInterval) {
        return new RateLimitSpec(perMinute, perHour, perDay, minInterval, null);
    }

    private RateDecision acquire(RateLimitSpec spec, Instant now) {
        return limiter.acquire("tweet", "", spec, now);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static void assertGranted(RateDecision decision) {
        assertEquals(RateDecision.granted(), decision);
    }

    private static void assertDeferred(Instant until, String blockedBy, RateDecision decision) {
        assertEquals(RateDecision.deferredUntil(until, blockedBy), decision);
    }

    private Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> item = dynamoDb.client()
                .getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                RateLimitTable.PARTITION_KEY,
                                AttributeValue.builder().s(pk).build())))
                .item();
        return item.isEmpty() ? null : item;
    }

    private long number(String pk, String attribute) {
        return Long.parseLong(item(pk).get(attribute).n());
    }

    private int itemCount() {
        return dynamoDb.client()
                .scan(b -> b.tableName(table).consistentRead(true))
                .count();
    }

    /** Runs one acquisition per job on {@code consumers}, all released at once, and returns the decisions by job. */
    private Map<Integer, RateDecision> acquireConcurrently(
            ExecutorService consumers, List<Integer> jobs, RateLimitSpec spec, Instant now) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Future<RateDecision>> futures = new LinkedHashMap<>();
        for (Integer job : jobs) {
            futures.put(job, consumers.submit(() -> {
                start.await();
                return acquire(spec, now);
            }));
        }
        start.countDown();
        Map<Integer, RateDecision> decisions = new LinkedHashMap<>();
        for (Map.Entry<Integer, Future<RateDecision>> e : futures.entrySet()) {
            decisions.put(e.getKey(), e.getValue().get());
        }
        return decisions;
    }

    @Test
    void fourConcurrentConsumersRunExactlyFiveOfTwentyJobsInEachMinuteAndDeferTheRestToTheNextMinute()
            throws Exception {
        RateLimitSpec fivePerMinute = limits(5, 0, 0, Duration.ZERO);
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        try {
            List<Integer> waiting = new ArrayList<>();
            for (int job = 0; job < 20; job++) {
                waiting.add(job);
            }
            Set<Integer> ran = new HashSet<>();
            List<Integer> grantedPerMinute = new ArrayList<>();
            List<Instant> minutes = new ArrayList<>();
            Instant now = NOW;
            while (!waiting.isEmpty() && minutes.size() < 10) {
                minutes.add(now);
                Map<Integer, RateDecision> decisions = acquireConcurrently(consumers, waiting, fivePerMinute, now);
                List<Integer> deferred = new ArrayList<>();
                Set<Instant> deferredUntil = new HashSet<>();
                int granted = 0;
                for (Map.Entry<Integer, RateDecision> e : decisions.entrySet()) {
                    if (e.getValue() instanceof RateDecision.Deferred d) {
                        deferred.add(e.getKey());
                        deferredUntil.add(d.until());
                        assertEquals("perMinute", d.blockedBy());
                    } else {
                        assertTrue(ran.add(e.getKey()), "job " + e.getKey() + " was granted twice");
                        granted++;
                    }
                }
                grantedPerMinute.add(granted);
                Instant nextMinute = RateWindow.MINUTE.end(now);
                if (!deferred.isEmpty()) {
                    assertEquals(
                            Set.of(nextMinute), deferredUntil, "every deferred job waits for the next minute, exactly");
                }
                // The deferred jobs come back at the moment they were deferred to.
                waiting = deferred;
                now = nextMinute;
            }
            assertEquals(List.of(5, 5, 5, 5), grantedPerMinute);
            assertEquals(
                    List.of(NOW, at("2096-11-23T10:16:00Z"), at("2096-11-23T10:17:00Z"), at("2096-11-23T10:18:00Z")),
                    minutes);
            assertEquals(20, ran.size());
            for (Instant minute : minutes) {
                assertEquals(
                        5,
                        number(RateWindow.MINUTE.itemKey("tweet", "", RateWindow.MINUTE.startLabel(minute)), "count"),
                        "the counter of " + minute + " never passes the limit");
            }
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    void eachKeyHasItsOwnBudget() {
        RateLimitSpec twoPerMinute = new RateLimitSpec(2, 0, 0, Duration.ZERO, "daoId");
        assertGranted(limiter.acquire("tweet", "dao-1", twoPerMinute, NOW));
        assertGranted(limiter.acquire("tweet", "dao-1", twoPerMinute, NOW));
        assertDeferred(at("2096-11-23T10:16:00Z"), "perMinute", limiter.acquire("tweet", "dao-1", twoPerMinute, NOW));

        assertGranted(limiter.acquire("tweet", "dao-2", twoPerMinute, NOW));
        assertGranted(limiter.acquire("tweet", "dao-2", twoPerMinute, NOW));
        assertDeferred(at("2096-11-23T10:16:00Z"), "perMinute", limiter.acquire("tweet", "dao-2", twoPerMinute, NOW));
        assertDeferred(at("2096-11-23T10:16:00Z"), "perMinute", limiter.acquire("tweet", "dao-1", twoPerMinute, NOW));
    }

    @Test
    void eachTypeHasItsOwnBudget() {
        RateLimitSpec onePerMinute = limits(1, 0, 0, Duration.ZERO);
        assertGranted(limiter.acquire("tweet", "", onePerMinute, NOW));
        assertGranted(limiter.acquire("mail", "", onePerMinute, NOW));
        assertInstanceOf(RateDecision.Deferred.class, limiter.acquire("tweet", "", onePerMinute, NOW));
    }

    @Test
    void anHourlyLimitDefersToTheNextFullHour() {
        RateLimitSpec threePerHour = limits(0, 3, 0, Duration.ZERO);
        assertGranted(acquire(threePerHour, at("2096-11-23T10:00:00Z")));
        assertGranted(acquire(threePerHour, at("2096-11-23T10:30:00Z")));
        assertGranted(acquire(threePerHour, at("2096-11-23T10:59:59.998Z")));
        assertDeferred(at("2096-11-23T11:00:00Z"), "perHour", acquire(threePerHour, at("2096-11-23T10:59:59.999Z")));
        assertGranted(acquire(threePerHour, at("2096-11-23T11:00:00Z")));
    }

    @Test
    void aDailyLimitDefersToMidnightUtc() {
        RateLimitSpec twoPerDay = limits(0, 0, 2, Duration.ZERO);
        assertGranted(acquire(twoPerDay, at("2096-11-23T00:00:00Z")));
        assertGranted(acquire(twoPerDay, at("2096-11-23T12:00:00Z")));
        assertDeferred(at("2096-11-24T00:00:00Z"), "perDay", acquire(twoPerDay, at("2096-11-23T23:59:59Z")));
        assertGranted(acquire(twoPerDay, at("2096-11-24T00:00:00Z")));
    }

    @Test
    void aMinimumIntervalDefersToTheLastRunPlusTheInterval() {
        RateLimitSpec tenMinutesApart = limits(0, 0, 0, Duration.ofMinutes(10));
        Instant lastRun = at("2096-11-23T10:00:07.123Z");
        assertGranted(acquire(tenMinutesApart, lastRun));
        assertDeferred(
                at("2096-11-23T10:10:07.123Z"), "minInterval", acquire(tenMinutesApart, at("2096-11-23T10:05:00Z")));
        assertDeferred(
                at("2096-11-23T10:10:07.123Z"),
                "minInterval",
                acquire(tenMinutesApart, at("2096-11-23T10:10:07.122Z")));
        assertGranted(acquire(tenMinutesApart, at("2096-11-23T10:10:07.123Z")));
        assertDeferred(
                at("2096-11-23T10:20:07.123Z"),
                "minInterval",
                acquire(tenMinutesApart, at("2096-11-23T10:10:07.124Z")));
    }

    @Test
    void whenTwoLimitsBlockTheLaterOpeningWins() {
        // The interval opens after the minute does.
        RateLimitSpec minuteAndInterval = limits(1, 0, 0, Duration.ofMinutes(10));
        assertGranted(acquire(minuteAndInterval, at("2096-11-23T10:00:30Z")));
        assertDeferred(
                at("2096-11-23T10:10:30Z"), "minInterval", acquire(minuteAndInterval, at("2096-11-23T10:00:40Z")));

        // The hour opens after the interval does.
        limiter.acquire("mail", "", limits(0, 1, 0, Duration.ofMinutes(10)), at("2096-11-23T10:45:00Z"));
        assertDeferred(
                at("2096-11-23T11:00:00Z"),
                "perHour",
                limiter.acquire("mail", "", limits(0, 1, 0, Duration.ofMinutes(10)), at("2096-11-23T10:50:00Z")));
    }

    @Test
    void whenWindowsEndTogetherTheLongestLimitIsNamed() {
        RateLimitSpec onePerEverything = limits(1, 1, 1, Duration.ZERO);
        assertGranted(acquire(onePerEverything, at("2096-11-23T23:59:10Z")));
        assertDeferred(at("2096-11-24T00:00:00Z"), "perDay", acquire(onePerEverything, at("2096-11-23T23:59:20Z")));
    }

    @Test
    void aDeferredJobTakesNothingFromTheLimitsThatWouldHaveLetItRun() {
        RateLimitSpec onePerMinuteTwoPerHour = limits(1, 2, 0, Duration.ZERO);
        assertGranted(acquire(onePerMinuteTwoPerHour, at("2096-11-23T10:15:00Z")));
        for (int i = 0; i < 5; i++) {
            assertDeferred(
                    at("2096-11-23T10:16:00Z"),
                    "perMinute",
                    acquire(onePerMinuteTwoPerHour, at("2096-11-23T10:15:30Z")));
        }
        assertEquals(1, number("tweet##hour#2096-11-23T10", "count"), "refused runs are not counted in the hour");
        assertGranted(acquire(onePerMinuteTwoPerHour, at("2096-11-23T10:16:00Z")));
        assertDeferred(
                at("2096-11-23T11:00:00Z"), "perHour", acquire(onePerMinuteTwoPerHour, at("2096-11-23T10:17:00Z")));
        assertNull(item("tweet##minute#2096-11-23T10:17"), "nor in the minute when the hour refuses");
    }

    @Test
    void keepsOneCounterPerWindowAndTheLastRunUnderTheDocumentedKeys() {
        RateLimitSpec all = new RateLimitSpec(5, 10, 20, Duration.ofMinutes(10), "daoId");
        assertGranted(limiter.acquire("tweet", "dao-1", all, NOW));
        long day = Duration.ofDays(1).toSeconds();

        assertEquals(1, number("tweet#dao-1#minute#2096-11-23T10:15", "count"));
        assertEquals(
                at("2096-11-23T10:16:00Z").getEpochSecond() + day,
                number("tweet#dao-1#minute#2096-11-23T10:15", "expiresAt"));
        assertEquals(1, number("tweet#dao-1#hour#2096-11-23T10", "count"));
        assertEquals(
                at("2096-11-23T11:00:00Z").getEpochSecond() + day,
                number("tweet#dao-1#hour#2096-11-23T10", "expiresAt"));
        assertEquals(1, number("tweet#dao-1#day#2096-11-23", "count"));
        assertEquals(
                at("2096-11-24T00:00:00Z").getEpochSecond() + day, number("tweet#dao-1#day#2096-11-23", "expiresAt"));
        assertEquals(NOW.toEpochMilli(), number("tweet#dao-1#interval", "lastRunAt"));
        assertEquals(
                NOW.plus(Duration.ofMinutes(10)).getEpochSecond() + day, number("tweet#dao-1#interval", "expiresAt"));
        assertEquals(4, itemCount());

        assertGranted(limiter.acquire("tweet", "dao-1", all, NOW.plus(Duration.ofMinutes(10))));
        assertEquals(2, number("tweet#dao-1#hour#2096-11-23T10", "count"));
        assertEquals(1, number("tweet#dao-1#minute#2096-11-23T10:25", "count"));
    }

    @Test
    void anUnlimitedSpecIsGrantedWithoutTouchingDynamoDb() {
        FaultyDynamoDb counting = new FaultyDynamoDb(dynamoDb.client(), "TransactionConflict", 0);
        DynamoDbRateLimiter unlimited = new DynamoDbRateLimiter(counting, table);
        for (int i = 0; i < 10; i++) {
            assertGranted(unlimited.acquire("tweet", "", RateLimitSpec.UNLIMITED, NOW));
        }
        assertGranted(unlimited.acquire("tweet", "dao-1", new RateLimitSpec(0, 0, 0, Duration.ZERO, "daoId"), NOW));
        assertEquals(0, counting.transactions());
        assertEquals(0, itemCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TransactionConflict", "ThrottlingError"})
    void retriesACollidingTransactionAndCountsTheRunOnce(String reason) {
        FaultyDynamoDb colliding = new FaultyDynamoDb(dynamoDb.client(), reason, 2);
        List<Long> pauses = new ArrayList<>();
        DynamoDbRateLimiter retrying = new DynamoDbRateLimiter(colliding, table, 5, pauses::add);

        assertGranted(retrying.acquire("tweet", "", limits(5, 0, 0, Duration.ofMinutes(1)), NOW));

        assertEquals(3, colliding.transactions());
        assertEquals(2, pauses.size());
        assertTrue(pauses.stream().allMatch(p -> p >= 1 && p <= 200), pauses.toString());
        assertEquals(1, number("tweet##minute#2096-11-23T10:15", "count"));
    }

    @Test
    void givesUpOnCollisionsAfterTheLastAttemptWithoutCountingTheRun() {
        FaultyDynamoDb colliding = new FaultyDynamoDb(dynamoDb.client(), "TransactionConflict", Integer.MAX_VALUE);
        DynamoDbRateLimiter retrying = new DynamoDbRateLimiter(colliding, table, 3, millis -> {});

        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> retrying.acquire("tweet", "", limits(5, 0, 0, Duration.ZERO), NOW));

        assertEquals("TransactionConflict", e.cancellationReasons().get(0).code());
        assertEquals(3, colliding.transactions());
        assertEquals(0, itemCount());
    }

    @Test
    void doesNotRetryACancellationThatIsNeitherARefusalNorACollision() {
        FaultyDynamoDb failing = new FaultyDynamoDb(dynamoDb.client(), "ValidationError", 1);
        DynamoDbRateLimiter once = new DynamoDbRateLimiter(failing, table, 5, millis -> {});
        assertThrows(
                TransactionCanceledException.class,
                () -> once.acquire("tweet", "", limits(5, 0, 0, Duration.ZERO), NOW));
        assertEquals(1, failing.transactions());
    }

    @Test
    void refusesASpecWithProblems() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> acquire(limits(-1, 0, 0, Duration.ZERO), NOW));
        assertEquals(
                "rate limit of job type 'tweet': perMinute must be between 0 (no limit) and 1000000, was -1",
                e.getMessage());
        assertEquals(0, itemCount());
    }

    @Test
    void refusesTooFewAttempts() {
        DynamoDbClient client = dynamoDb.client();
        assertEquals(
                "transactionTries must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new DynamoDbRateLimiter(client, table, 0))
                        .getMessage());
    }
}
