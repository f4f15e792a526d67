package io.sluice.catalogue;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobDefinitionTest {

    private static List<String> problems(JobDefinition.Builder builder) {
        return builder.build().problems();
    }

    @Test
    void aJobWithoutAPriorityGoesToNormalWhenTheTypeTakesItElseToTheFirstDeclared() {
        assertEquals(
                Priority.NORMAL,
                job("a").priorities(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                        .build()
                        .defaultPriority());
        assertEquals(
                Priority.HIGH,
                job("b").priorities(Priority.HIGH, Priority.LOW).build().defaultPriority());
        assertEquals(Priority.LOW, job("c").priorities(Priority.LOW).build().defaultPriority());
    }

    @Test
    void toBuilderCarriesEverySetting() {
        JobDefinition full = JobDefinition.builder()
                .type("full")
                .handlerClass("x.Handler")
                .payloadClass("x.Payload")
                .priorities(Priority.HIGH, Priority.LOW)
                .maxAttempts(7)
                .backoff(new RetryPolicy(Duration.ofSeconds(3), 1.5, Duration.ofMinutes(2), io.sluice.job.Jitter.NONE))
                .timeout(Duration.ofSeconds(45))
                .memoryMb(1024)
                .concurrency(6)
                .batchSize(1)
                .maxBatchingWindow(Duration.ZERO)
                .fifo(true)
                .description("every setting set")
                .parallelism(3)
                .rateLimit(new RateLimitSpec(1, 2, 3, Duration.ofSeconds(4), "account"))
                .schedule(new ScheduleSpec("rate(1 hour)", "UTC", "{}"))
                .validatorClass("x.Validator")
                .build();
        assertEquals(full, full.toBuilder().build());
    }

    @Test
    void parallelismDefaultsFromTheBatchSizeUnlessSet() {
        assertEquals(
                10,
                job("a").batchSize(50)
                        .maxBatchingWindow(Duration.ofSeconds(1))
                        .build()
                        .parallelism());
        assertEquals(4, job("b").batchSize(4).build().parallelism());
        assertEquals(2, job("c").batchSize(4).parallelism(2).build().parallelism());
    }

    @Test
    void theAnnotationDefaultsHaveNoProblems() {
        assertEquals(List.of(), problems(job("testjob")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "tweet", "send-mail", "report_v2", "a234567890123456789012345678901234567890"})
    void acceptsTypeNamesOfLowerCaseLettersDigitsDashAndUnderscore(String type) {
        assertEquals(List.of(), problems(job(type)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Tweet",
                "2fa",
                "-mail",
                "send mail",
                "send.mail",
                "a2345678901234567890123456789012345678901"
            })
    void rejectsTypeNamesOutsideThePattern(String type) {
        assertEquals(List.of("type '" + type + "' must match [a-z][a-z0-9_-]{0,39}"), problems(job(type)));
    }

    @Test
    void rejectsANullTypeName() {
        assertEquals(List.of("type 'null' must match [a-z][a-z0-9_-]{0,39}"), problems(job(null)));
    }

    @Test
    void rejectsNoPriorities() {
        assertEquals(
                List.of("priorities must name at least one of HIGH, NORMAL, LOW"), problems(job("t").priorities()));
    }

    @Test
    void rejectsARepeatedPriority() {
        assertEquals(
                List.of("priorities must not repeat a priority, was [HIGH, HIGH]"),
                problems(job("t").priorities(Priority.HIGH, Priority.HIGH)));
    }

    @Test
    void rejectsMaxAttemptsOutsideOneToThousand() {
        assertEquals(List.of("maxAttempts must be between 1 and 1000, was 0"), problems(job("t").maxAttempts(0)));
        assertEquals(List.of("maxAttempts must be between 1 and 1000, was 1001"), problems(job("t").maxAttempts(1001)));
        assertEquals(List.of(), problems(job("t").maxAttempts(1)));
        assertEquals(List.of(), problems(job("t").maxAttempts(1000)));
    }

    @Test
    void rejectsMemoryOutsideLambdasRange() {
        assertEquals(List.of("memoryMb must be between 128 and 10240, was 127"), problems(job("t").memoryMb(127)));
        assertEquals(List.of("memoryMb must be between 128 and 10240, was 10241"), problems(job("t").memoryMb(10241)));
    }

    @Test
    void rejectsATimeoutThatLeavesTheFunctionNoRoomWithinLambdasFifteenMinutes() {
        assertEquals(
                List.of(
                        "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT20M"),
                problems(job("t").timeout(Duration.ofMinutes(20))));
        assertEquals(
                List.of(
                        "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT15M"),
                problems(job("t").timeout(Duration.ofMinutes(15))));
        assertEquals(List.of(), problems(job("t").timeout(Duration.ofMinutes(14).plusSeconds(50))));
    }

    @Test
    void rejectsATimeoutBelowOneSecondOrMissing() {
        assertEquals(
                List.of(
                        "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT0.5S"),
                problems(job("t").timeout(Duration.ofMillis(500))));
        assertEquals(
                List.of(
                        "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was null"),
                problems(job("t").timeout(null)));
    }

    @Test
    void rejectsConcurrencyBelowTwoPerPriority() {
        assertEquals(
                List.of(
                        "concurrency must be between 6 (2 per priority: Lambda's smallest MaximumConcurrency) and 1000, was 5"),
                problems(job("t").priorities(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                        .concurrency(5)));
        assertEquals(
                List.of(),
                problems(job("t").priorities(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                        .concurrency(6)));
        assertEquals(
                List.of(
                        "concurrency must be between 2 (2 per priority: Lambda's smallest MaximumConcurrency) and 1000, was 1"),
                problems(job("t").concurrency(1)));
    }

    @Test
    void rejectsConcurrencyAboveThousand() {
        assertEquals(
                List.of(
                        "concurrency must be between 2 (2 per priority: Lambda's smallest MaximumConcurrency) and 1000, was 1001"),
                problems(job("t").concurrency(1001)));
    }

    @Test
    void rejectsAFifoBatchAboveTen() {
        assertEquals(
                List.of("batchSize must be between 1 and 10 for FIFO queues, was 20"),
                problems(job("t").fifo(true).batchSize(20)));
    }

    @Test
    void rejectsAStandardBatchOutsideOneToTenThousand() {
        assertEquals(List.of("batchSize must be between 1 and 10000, was 0"), problems(job("t").batchSize(0)));
        assertEquals(
                List.of("batchSize must be between 1 and 10000, was 10001"),
                problems(job("t").batchSize(10001)
                        .maxBatchingWindow(Duration.ofSeconds(1))
                        .parallelism(10)));
    }

    @Test
    void rejectsABatchingWindowOutsideZeroToFiveMinutes() {
        assertEquals(
                List.of("maxBatchingWindow must be between PT0S and PT5M, was PT5M1S"),
                problems(job("t").maxBatchingWindow(Duration.ofSeconds(301))));
        assertEquals(
                List.of("maxBatchingWindow must be between PT0S and PT5M, was PT-1S"),
                problems(job("t").maxBatchingWindow(Duration.ofSeconds(-1))));
        assertEquals(
                List.of("maxBatchingWindow must be between PT0S and PT5M, was null"),
                problems(job("t").maxBatchingWindow(null)));
    }

    @Test
    void rejectsABatchingWindowOnFifo() {
        assertEquals(
                List.of(
                        "maxBatchingWindow must be PT0S for FIFO queues (Lambda does not batch FIFO sources by window), was PT1S"),
                problems(job("t").fifo(true).maxBatchingWindow(Duration.ofSeconds(1))));
    }

    @Test
    void requiresABatchingWindowForBatchesAboveTen() {
        assertEquals(
                List.of("maxBatchingWindow must be at least PT1S when batchSize exceeds 10 (Lambda's rule), was PT0S"),
                problems(job("t").batchSize(11)));
        assertEquals(List.of(), problems(job("t").batchSize(11).maxBatchingWindow(Duration.ofSeconds(1))));
    }

    @Test
    void rejectsParallelismOutsideOneToHundred() {
        assertEquals(List.of("parallelism must be between 1 and 100, was 0"), problems(job("t").parallelism(0)));
        assertEquals(List.of("parallelism must be between 1 and 100, was 101"), problems(job("t").parallelism(101)));
    }

    @Test
    void requiresHandlerAndPayloadClasses() {
        assertEquals(
                List.of("handlerClass must be set", "payloadClass must be set"),
                problems(job("t").handlerClass(" ").payloadClass(null)));
    }

    @Test
    void listsEveryProblemAtOnce() {
        List<String> found = problems(job("Bad")
                .maxAttempts(0)
                .memoryMb(1)
                .timeout(Duration.ofHours(1))
                .concurrency(0)
                .fifo(true)
                .batchSize(11));
        assertEquals(6, found.size(), found.toString());
        assertTrue(
                found.stream().noneMatch(p -> p.startsWith("maxBatchingWindow")),
                "a FIFO type is never told to open a batching window");
    }

    @Test
    void validatedNamesTheTypeAndJoinsTheProblems() {
        JobDefinition bad = job("t").maxAttempts(0).memoryMb(1).build();
        assertEquals(
                "job type 't': maxAttempts must be between 1 and 1000, was 0; memoryMb must be between 128 and 10240, was 1",
                assertThrows(IllegalArgumentException.class, bad::validated).getMessage());
        JobDefinition good = job("t").build();
        assertSame(good, good.validated());
    }

    @Test
    void defaultParallelismIsTheBatchSizeUpToTen() {
        assertEquals(1, JobDefinition.defaultParallelism(1));
        assertEquals(7, JobDefinition.defaultParallelism(7));
        assertEquals(10, JobDefinition.defaultParallelism(500));
        assertEquals(1, JobDefinition.defaultParallelism(0));
    }

    @Test
    void acceptsOnlyItsPriorities() {
        JobDefinition d = job("t").priorities(Priority.HIGH, Priority.LOW).build();
        assertTrue(d.accepts(Priority.HIGH));
        assertFalse(d.accepts(Priority.NORMAL));
    }

    @Test
    void copiesThePriorityListAndDefaultsTheDescription() {
        List<Priority> priorities = new ArrayList<>(List.of(Priority.NORMAL));
        JobDefinition d = job("t").priorities(priorities).description(null).build();
        priorities.add(Priority.HIGH);
        assertEquals(List.of(Priority.NORMAL), d.priorities());
        assertEquals("", d.description());
    }

    @Test
    void hasNoRateLimitUnlessOneIsSet() {
        assertSame(RateLimitSpec.UNLIMITED, job("t").build().rateLimit());
        assertSame(RateLimitSpec.UNLIMITED, job("t").rateLimit(null).build().rateLimit());
    }

    @Test
    void prefixesRateLimitProblemsWithTheirSetting() {
        assertEquals(
                List.of(
                        "rateLimit.perMinute must be between 0 (no limit) and 1000000, was -1",
                        "rateLimit.minInterval must be between PT0S and P1D (PT24H), was PT48H",
                        "rateLimit.key 'dao.id' must be a top-level payload field name matching [A-Za-z_][A-Za-z0-9_]{0,63}"),
                problems(job("t").rateLimit(new RateLimitSpec(-1, 0, 0, Duration.ofDays(2), "dao.id"))));
        assertEquals(
                List.of(), problems(job("t").rateLimit(new RateLimitSpec(0, 3, 20, Duration.ofMinutes(10), "daoId"))));
    }

    @Test
    void survivesACatalogueLineRoundTripWithRateLimits() {
        JobDefinition d = job("tweet")
                .rateLimit(new RateLimitSpec(1, 3, 20, Duration.ofMinutes(10), "daoId"))
                .build();
        String line = Catalogue.toLine(d);
        assertTrue(
                line.contains(
                        "\"rateLimit\":{\"perMinute\":1,\"perHour\":3,\"perDay\":20,\"minInterval\":\"PT10M\",\"key\":\"daoId\"}"),
                line);
        assertEquals(d, Catalogue.fromLine(line));
        JobDefinition unlimited = job("mail").build();
        assertEquals(unlimited, Catalogue.fromLine(Catalogue.toLine(unlimited)));
    }

    @Test
    void readsACatalogueLineWrittenBeforeRateLimitsAsUnlimited() {
        String line = Catalogue.toLine(job("tweet").build()).replaceFirst(",\"rateLimit\":\\{[^}]*\\}", "");
        assertFalse(line.contains("rateLimit"), line);
        assertSame(RateLimitSpec.UNLIMITED, Catalogue.fromLine(line).rateLimit());
    }

    @Test
    void survivesACatalogueLineRoundTrip() {
        JobDefinition d = job("tweet")
                .priorities(Priority.HIGH, Priority.NORMAL)
                .description("Posts a tweet")
                .build();
        assertEquals(d, Catalogue.fromLine(Catalogue.toLine(d)));
    }
}
