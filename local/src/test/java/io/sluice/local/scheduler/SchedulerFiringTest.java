package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalClients;
import io.sluice.local.LocalHarness;
import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Schedules created through the SDK fire into a real ElasticMQ queue. Time is a {@link SettableClock} for the
 * dates the API records and explicit instants for {@link ScheduleDispatcher#fireDue}: no sleeping, and every
 * firing's scheduled time is exact, so the job ids Scheduler's context attribute yields can be asserted.
 */
class SchedulerFiringTest {
    /** Mid-minute on purpose: a rate schedule counts from its creation second. */
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:20Z");

    private static final String ROLE = "arn:aws:iam::000000000000:role/sluice-local-scheduler";

    private static ElasticMqServer elasticMq;
    private static SqsClient sqs;

    private SettableClock clock;
    private SchedulerEmulator emulator;
    private SchedulerClient scheduler;
    private final List<String> queues = new ArrayList<>();

    @BeforeAll
    static void startSqs() {
        elasticMq = ElasticMqServer.start("127.0.0.1", LocalHarness.freePort(), "us-east-1");
        sqs = LocalClients.sqs(elasticMq.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void start() {
        clock = new SettableClock(T0);
        emulator = SchedulerEmulator.start(
                "127.0.0.1",
                0,
                new SchedulerAccount("us-east-1", ElasticMqServer.ACCOUNT_ID),
                ScheduleStore.inMemory(),
                new SqsTargetSender(sqs),
                clock);
        scheduler = SchedulerClients.at(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        emulator.close();
        queues.forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
        queues.clear();
    }

    @Test
    void aRateScheduleFiresAtItsCreationSecondAndThenEveryInterval() {
        String url = queue("ticks");
        scheduler.createSchedule(schedule(
                "every-minute",
                "rate(1 minute)",
                arn("ticks"),
                ScheduledEnvelope.template(
                        "every-minute",
                        "report",
                        Priority.NORMAL,
                        SluiceJson.mapper().createObjectNode())));

        assertSent(fire(T0), T0);
        assertTrue(fire(T0.plusSeconds(59)).isEmpty(), "not due again before a minute has passed");
        assertSent(fire(T0.plusSeconds(60)), T0.plusSeconds(60));

        List<JobEnvelope> jobs = receive(url).stream().map(m -> parse(m.body())).toList();
        assertEquals(
                List.of("every-minute:2026-11-28T10:00:20Z", "every-minute:2026-11-28T10:01:20Z"),
                jobs.stream().map(JobEnvelope::jobId).sorted().toList());
        assertTrue(jobs.stream().anyMatch(j -> j.createdAt().equals(T0)), "createdAt is the scheduled time too");
        assertEquals("schedule:every-minute", jobs.get(0).source());
    }

    @Test
    void everyContextAttributeIsReplacedAsSchedulerDoes() {
        String url = queue("context");
        scheduler.createSchedule(
                schedule(
                        "context",
                        "rate(5 minutes)",
                        arn("context"),
                        "arn=<aws.scheduler.schedule-arn> time=<aws.scheduler.scheduled-time> exec=<aws.scheduler.execution-id> n=<aws.scheduler.attempt-number>"));

        fire(T0);

        String body = receive(url).get(0).body();
        assertTrue(
                body.startsWith(
                        "arn=arn:aws:scheduler:us-east-1:000000000000:schedule/default/context time=2026-11-28T10:00:20Z exec="),
                body);
        assertTrue(body.matches(".* exec=[0-9a-f-]{36} n=1"), body);
    }

    @Test
    void aOneTimeScheduleWithDeleteFiresOnceThenIsGone() {
        String url = queue("later");
        scheduler.createSchedule(
                r -> r.applyMutation(schedule("job-42", "at(2026-11-28T10:20:00)", arn("later"), "{\"job\":42}"))
                        .actionAfterCompletion(ActionAfterCompletion.DELETE));

        assertTrue(fire(T0).isEmpty());
        assertTrue(fire(Instant.parse("2026-11-28T10:19:59Z")).isEmpty(), "not a second early");
        assertSent(fire(Instant.parse("2026-11-28T10:20:00Z")), Instant.parse("2026-11-28T10:20:00Z"));

        assertThrows(
                ResourceNotFoundException.class,
                () -> scheduler.getSchedule(r -> r.name("job-42")),
                "deleted after it fired");
        assertTrue(fire(Instant.parse("2026-11-28T10:21:00Z")).isEmpty());
        assertEquals(
                List.of("{\"job\":42}"),
                receive(url).stream().map(Message::body).toList());
    }

    @Test
    void aOneTimeScheduleWithoutDeleteFiresOnceAndStays() {
        String url = queue("once");
        scheduler.createSchedule(schedule("reminder", "at(2026-11-28T11:00:00)", arn("once"), "hello"));

        assertEquals(1, fire(Instant.parse("2026-11-28T11:00:30Z")).size());
        assertTrue(fire(Instant.parse("2026-11-28T12:00:00Z")).isEmpty(), "never twice");

        assertEquals(
                "at(2026-11-28T11:00:00)",
                scheduler.getSchedule(r -> r.name("reminder")).scheduleExpression());
        assertEquals(1, receive(url).size());
    }

    @Test
    void aOneTimeTimeIsReadInTheSchedulesTimeZone() {
        queue("zoned");
        scheduler.createSchedule(r -> r.applyMutation(schedule("paris", "at(2026-11-28T12:00:00)", arn("zoned"), "x"))
                .scheduleExpressionTimezone("Europe/Paris"));

        assertTrue(fire(Instant.parse("2026-11-28T10:59:59Z")).isEmpty());
        assertSent(fire(Instant.parse("2026-11-28T11:00:00Z")), Instant.parse("2026-11-28T11:00:00Z"));
    }

    @Test
    void aCronScheduleFiresAtItsLocalTimes() {
        queue("daily");
        scheduler.createSchedule(r -> r.applyMutation(schedule("daily", "cron(30 9 * * ? *)", arn("daily"), "x"))
                .scheduleExpressionTimezone("Europe/Paris"));

        assertTrue(fire(Instant.parse("2026-11-29T08:29:59Z")).isEmpty());
        assertSent(fire(Instant.parse("2026-11-29T08:30:00Z")), Instant.parse("2026-11-29T08:30:00Z"));
        assertSent(fire(Instant.parse("2026-11-30T08:30:00Z")), Instant.parse("2026-11-30T08:30:00Z"));
    }

    @Test
    void aDisabledScheduleDoesNotFireUntilEnabled() {
        String url = queue("paused");
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .applyMutation(schedule("paused", "rate(1 minute)", arn("paused"), "x"))
                .state(ScheduleState.DISABLED)
                .build();
        scheduler.createSchedule(request);

        assertTrue(fire(T0.plus(Duration.ofMinutes(10))).isEmpty());

        Instant enabledAt = clock.advance(Duration.ofMinutes(10));
        scheduler.updateSchedule(r -> r.name("paused")
                .scheduleExpression("rate(1 minute)")
                .flexibleTimeWindow(request.flexibleTimeWindow())
                .target(request.target())
                .state(ScheduleState.ENABLED));
        assertEquals(
                1, fire(enabledAt).size(), "the rate counts from creation; the first occurrence after enabling fires");
        assertEquals(1, receive(url).size());
    }

    @Test
    void startAndEndDatesBoundARecurringScheduleWhichDeletesItselfAfterTheLast() {
        String url = queue("bounded");
        Instant start = T0.plus(Duration.ofMinutes(5));
        scheduler.createSchedule(r -> r.applyMutation(schedule("bounded", "rate(1 minute)", arn("bounded"), "x"))
                .startDate(start)
                .endDate(start.plus(Duration.ofMinutes(2)))
                .actionAfterCompletion(ActionAfterCompletion.DELETE));

        assertTrue(fire(start.minusSeconds(1)).isEmpty());
        assertSent(fire(start), start);
        assertSent(fire(start.plusSeconds(60)), start.plusSeconds(60));
        assertSent(fire(start.plusSeconds(120)), start.plusSeconds(120));

        assertThrows(
                ResourceNotFoundException.class,
                () -> scheduler.getSchedule(r -> r.name("bounded")),
                "its last occurrence fired");
        assertTrue(fire(start.plusSeconds(180)).isEmpty());
        assertEquals(3, receive(url).size());
    }

    @Test
    void occurrencesMissedWhileNothingFiredAreFoldedIntoTheLatest() {
        String url = queue("missed");
        scheduler.createSchedule(schedule("missed", "rate(1 minute)", arn("missed"), "<aws.scheduler.scheduled-time>"));
        fire(T0);

        assertSent(fire(T0.plus(Duration.ofMinutes(10))), T0.plus(Duration.ofMinutes(10)));

        assertEquals(
                List.of("2026-11-28T10:00:20Z", "2026-11-28T10:10:20Z"),
                receive(url).stream().map(Message::body).sorted().toList());
    }

    @Test
    void aFifoTargetGetsTheMessageGroupAndNoDeduplicationId() {
        String url = queue(
                "ordered.fifo",
                Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        scheduler.createSchedule(r -> r.applyMutation(
                        schedule("ordered", "rate(1 minute)", arn("ordered.fifo"), "<aws.scheduler.scheduled-time>"))
                .target(t -> t.arn(arn("ordered.fifo"))
                        .roleArn(ROLE)
                        .input("<aws.scheduler.scheduled-time>")
                        .sqsParameters(p -> p.messageGroupId("reports"))));

        fire(T0);

        Message message = receive(url).get(0);
        assertEquals(
                "reports", message.attributesAsStrings().get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString()));
        assertEquals("2026-11-28T10:00:20Z", message.body());
    }

    @Test
    void aFifoTargetWithoutContentBasedDeduplicationFailsAsOnAws() {
        queue("strict.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        scheduler.createSchedule(r -> r.applyMutation(schedule("strict", "rate(1 minute)", arn("strict.fifo"), "x"))
                .target(t ->
                        t.arn(arn("strict.fifo")).roleArn(ROLE).input("x").sqsParameters(p -> p.messageGroupId("g"))));

        Firing firing = fire(T0).get(0);

        assertEquals(Firing.Outcome.RETRYING, firing.outcome());
        assertTrue(
                firing.detail().contains("ContentBasedDeduplication")
                        || firing.detail().contains("deduplication"),
                firing.detail());
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameExecutionThenSucceeds() {
        scheduler.createSchedule(schedule(
                "late-queue",
                "at(2026-11-28T10:00:00)",
                arn("appears-later"),
                "exec=<aws.scheduler.execution-id> n=<aws.scheduler.attempt-number>"));

        List<Firing> first = fire(T0);
        assertEquals(Firing.Outcome.RETRYING, first.get(0).outcome(), "the queue does not exist yet");
        assertTrue(fire(T0.plusMillis(500)).isEmpty(), "the retry waits its backoff");
        String url = queue("appears-later");
        List<Firing> second = fire(T0.plusSeconds(1));

        assertEquals(Firing.Outcome.SENT, second.get(0).outcome());
        assertEquals(2, second.get(0).attempt());
        String body = receive(url).get(0).body();
        assertTrue(body.endsWith(" n=2"), body);
        assertTrue(fire(T0.plusSeconds(60)).isEmpty(), "delivered once, never again");
    }

    @Test
    void whenRetriesRunOutTheMessageGoesToTheDeadLetterQueueWithAwsAttributes() {
        String deadLetters = queue("schedule-failures");
        scheduler.createSchedule(r -> r.applyMutation(
                        schedule("doomed", "at(2026-11-28T10:00:00)", arn("never-created"), "payload"))
                .target(t -> t.arn(arn("never-created"))
                        .roleArn(ROLE)
                        .input("payload")
                        .retryPolicy(p -> p.maximumRetryAttempts(1).maximumEventAgeInSeconds(3600))
                        .deadLetterConfig(d -> d.arn(arn("schedule-failures")))));

        assertEquals(Firing.Outcome.RETRYING, fire(T0).get(0).outcome());
        assertEquals(
                Firing.Outcome.DEAD_LETTERED, fire(T0.plusSeconds(1)).get(0).outcome());

        Message dead = sqs.receiveMessage(r ->
                        r.queueUrl(deadLetters).messageAttributeNames("All").waitTimeSeconds(1))
                .messages()
                .get(0);
        assertEquals("payload", dead.body());
        Map<String, String> attributes = new TreeMap<>();
        dead.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
        assertEquals("QueueDoesNotExist", attributes.get("ERROR_CODE"), attributes.toString());
        assertEquals("The specified queue does not exist.", attributes.get("ERROR_MESSAGE"));
        assertEquals("MaximumRetryAttempts", attributes.get("EXHAUSTED_RETRY_CONDITION"));
        assertEquals("1", attributes.get("RETRY_ATTEMPTS"));
        assertEquals("2026-11-28T10:00:00Z", attributes.get("SCHEDULED_TIME"));
        assertEquals(
                "arn:aws:scheduler:us-east-1:000000000000:schedule/default/doomed", attributes.get("SCHEDULE_ARN"));
        assertEquals(arn("never-created"), attributes.get("TARGET_ARN"));
        assertNotEquals(null, attributes.get("EXECUTION_ID"));
        assertTrue(fire(T0.plusSeconds(120)).isEmpty(), "given up on, not retried forever");
    }

    private List<Firing> fire(Instant now) {
        return emulator.dispatcher().fireDue(now);
    }

    private static void assertSent(List<Firing> firings, Instant scheduledTime) {
        assertEquals(1, firings.size(), firings.toString());
        assertEquals(Firing.Outcome.SENT, firings.get(0).outcome(), firings.toString());
        assertEquals(scheduledTime, firings.get(0).scheduledTime());
    }

    private static Consumer<CreateScheduleRequest.Builder> schedule(
            String name, String expression, String target, String input) {
        return r -> r.name(name)
                .scheduleExpression(expression)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(target).roleArn(ROLE).input(input));
    }

    private String queue(String name) {
        return queue(name, Map.of());
    }

    private String queue(String name, Map<QueueAttributeName, String> attributes) {
        String url =
                sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        queues.add(url);
        return url;
    }

    private static String arn(String queue) {
        return "arn:aws:sqs:us-east-1:000000000000:" + queue;
    }

    /** Every message in the queue, received and left to reappear (the queue is deleted after each test). */
    private static List<Message> receive(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(30)
                            .waitTimeSeconds(0)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    private static JobEnvelope parse(String body) {
        try {
            return new EnvelopeParser().parse(body);
        } catch (Exception e) {
            throw new AssertionError("not an envelope: " + body, e);
        }
    }
}
