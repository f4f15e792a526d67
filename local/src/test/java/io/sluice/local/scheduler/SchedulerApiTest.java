package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * The Scheduler API of sluice-local driven by the AWS SDK's own {@link SchedulerClient}: every operation's
 * request and response shapes as the SDK marshals them, and every refusal arriving as the SDK's exception
 * class with AWS's status and a message naming the field. Nothing fires here (see {@link SchedulerFiringTest}).
 */
class SchedulerApiTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:sluice-report-normal";
    private static final String ROLE = "arn:aws:iam::000000000000:role/sluice-local-scheduler";

    private SettableClock clock;
    private SchedulerEmulator emulator;
    private SchedulerClient scheduler;

    @BeforeEach
    void start() {
        clock = new SettableClock(T0);
        emulator = SchedulerEmulator.start(
                "127.0.0.1",
                0,
                new SchedulerAccount("us-east-1", "000000000000"),
                ScheduleStore.inMemory(),
                (queue, body, group, attributes) -> {
                    throw new AssertionError("nothing fires in this test");
                },
                clock);
        scheduler = SchedulerClients.at(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        emulator.close();
    }

    private static Consumer<CreateScheduleRequest.Builder> minimal(String name) {
        return r -> r.name(name)
                .scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn(ROLE).input("{\"n\":1}"));
    }

    @Test
    void aCreatedScheduleReadsBackWithEveryFieldAsGiven() {
        Instant start = T0.plus(Duration.ofHours(1));
        Instant end = T0.plus(Duration.ofDays(30));
        String arn = scheduler
                .createSchedule(r -> r.name("nightly-report")
                        .description("the nightly report")
                        .scheduleExpression("cron(0 2 * * ? *)")
                        .scheduleExpressionTimezone("Europe/Paris")
                        .startDate(start)
                        .endDate(end)
                        .state(ScheduleState.DISABLED)
                        .flexibleTimeWindow(
                                w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
                        .actionAfterCompletion(ActionAfterCompletion.DELETE)
                        .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:sluice-report-normal.fifo")
                                .roleArn(ROLE)
                                .input("{\"report\":\"sales\"}")
                                .sqsParameters(p -> p.messageGroupId("reports"))
                                .retryPolicy(
                                        p -> p.maximumEventAgeInSeconds(3600).maximumRetryAttempts(3))
                                .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:report-failures"))))
                .scheduleArn();

        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly-report", arn);
        GetScheduleResponse got = scheduler.getSchedule(r -> r.name("nightly-report"));
        assertEquals(arn, got.arn());
        assertEquals("nightly-report", got.name());
        assertEquals("default", got.groupName());
        assertEquals("the nightly report", got.description());
        assertEquals("cron(0 2 * * ? *)", got.scheduleExpression());
        assertEquals("Europe/Paris", got.scheduleExpressionTimezone());
        assertEquals(start, got.startDate());
        assertEquals(end, got.endDate());
        assertEquals(ScheduleState.DISABLED, got.state());
        assertEquals(FlexibleTimeWindowMode.FLEXIBLE, got.flexibleTimeWindow().mode());
        assertEquals(15, got.flexibleTimeWindow().maximumWindowInMinutes());
        assertEquals(ActionAfterCompletion.DELETE, got.actionAfterCompletion());
        assertEquals(
                "arn:aws:sqs:us-east-1:000000000000:sluice-report-normal.fifo",
                got.target().arn());
        assertEquals(ROLE, got.target().roleArn());
        assertEquals("{\"report\":\"sales\"}", got.target().input());
        assertEquals("reports", got.target().sqsParameters().messageGroupId());
        assertEquals(3600, got.target().retryPolicy().maximumEventAgeInSeconds());
        assertEquals(3, got.target().retryPolicy().maximumRetryAttempts());
        assertEquals(
                "arn:aws:sqs:us-east-1:000000000000:report-failures",
                got.target().deadLetterConfig().arn());
        assertEquals(T0, got.creationDate());
        assertEquals(T0, got.lastModificationDate());
    }

    @Test
    void fieldsLeftOutTakeAwsDefaults() {
        scheduler.createSchedule(minimal("plain"));

        GetScheduleResponse got = scheduler.getSchedule(r -> r.name("plain").groupName("default"));
        assertEquals(ScheduleState.ENABLED, got.state());
        assertEquals("UTC", got.scheduleExpressionTimezone());
        assertEquals(ActionAfterCompletion.NONE, got.actionAfterCompletion());
        assertEquals(86_400, got.target().retryPolicy().maximumEventAgeInSeconds());
        assertEquals(185, got.target().retryPolicy().maximumRetryAttempts());
        assertNull(got.description());
        assertNull(got.startDate());
        assertNull(got.target().deadLetterConfig());
    }

    @Test
    void anUpdateReplacesTheWholeDefinitionAndKeepsTheCreationDate() {
        scheduler.createSchedule(r -> r.applyMutation(minimal("digest"))
                .description("to be dropped")
                .state(ScheduleState.DISABLED)
                .actionAfterCompletion(ActionAfterCompletion.DELETE));
        Instant later = clock.advance(Duration.ofMinutes(7));

        scheduler.updateSchedule(r -> r.name("digest")
                .scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn(ROLE)));

        GetScheduleResponse got = scheduler.getSchedule(r -> r.name("digest"));
        assertEquals("rate(1 hour)", got.scheduleExpression());
        assertNull(got.description(), "left out of the update, so back to none");
        assertEquals(ScheduleState.ENABLED, got.state(), "left out of the update, so back to the default");
        assertEquals(ActionAfterCompletion.NONE, got.actionAfterCompletion());
        assertNull(got.target().input());
        assertEquals(T0, got.creationDate());
        assertEquals(later, got.lastModificationDate());
    }

    @Test
    void creatingANameTwiceIsAConflictUnlessItIsTheSameCallRetried() {
        CreateScheduleRequest first = CreateScheduleRequest.builder()
                .applyMutation(minimal("once"))
                .clientToken("token-1")
                .build();
        String arn = scheduler.createSchedule(first).scheduleArn();

        assertEquals(
                arn,
                scheduler.createSchedule(first).scheduleArn(),
                "the SDK's retry of the same call (same client token) succeeds");
        ConflictException conflict =
                assertThrows(ConflictException.class, () -> scheduler.createSchedule(minimal("once")));
        assertEquals(409, conflict.statusCode());
        assertTrue(conflict.awsErrorDetails().errorMessage().contains("once already exists"), conflict.getMessage());
        assertEquals("ConflictException", conflict.awsErrorDetails().errorCode());
    }

    @Test
    void missingSchedulesAndGroupsAreResourceNotFound() {
        ResourceNotFoundException get =
                assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.name("ghost")));
        assertEquals(404, get.statusCode());
        assertTrue(get.getMessage().contains("ghost"), get.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> scheduler.deleteSchedule(r -> r.name("ghost")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> scheduler.updateSchedule(UpdateScheduleRequest.builder()
                        .name("ghost")
                        .scheduleExpression("rate(1 hour)")
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                        .target(t -> t.arn(QUEUE).roleArn(ROLE))
                        .build()));
        ResourceNotFoundException group = assertThrows(
                ResourceNotFoundException.class,
                () -> scheduler.createSchedule(
                        r -> r.applyMutation(minimal("orphan")).groupName("no-such-group")));
        assertTrue(group.getMessage().contains("no-such-group"), group.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getScheduleGroup(r -> r.name("no-such-group")));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.listSchedules(r -> r.groupName("no-such-group")));
    }

    @Test
    void deletingAScheduleRemovesIt() {
        scheduler.createSchedule(minimal("short-lived"));

        scheduler.deleteSchedule(r -> r.name("short-lived"));

        assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.name("short-lived")));
    }

    @Test
    void listingPagesThroughSchedulesFilteredByGroupPrefixAndState() {
        scheduler.createScheduleGroup(r -> r.name("sluice"));
        for (String name : List.of("report-1", "report-2", "report-3", "report-4", "report-5", "other-1")) {
            scheduler.createSchedule(r -> r.applyMutation(minimal(name)).groupName("sluice"));
        }
        scheduler.createSchedule(
                r -> r.applyMutation(minimal("report-6")).groupName("sluice").state(ScheduleState.DISABLED));
        scheduler.createSchedule(minimal("report-in-default"));

        ListSchedulesResponse first = scheduler.listSchedules(
                r -> r.groupName("sluice").namePrefix("report-").maxResults(2));
        assertEquals(List.of("report-1", "report-2"), names(first.schedules()));
        assertTrue(first.nextToken() != null, "more pages");
        ListSchedulesResponse second = scheduler.listSchedules(
                r -> r.groupName("sluice").namePrefix("report-").maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of("report-3", "report-4"), names(second.schedules()));

        List<String> all = scheduler
                .listSchedulesPaginator(
                        r -> r.groupName("sluice").namePrefix("report-").maxResults(2))
                .schedules()
                .stream()
                .map(ScheduleSummary::name)
                .toList();
        assertEquals(List.of("report-1", "report-2", "report-3", "report-4", "report-5", "report-6"), all);

        assertEquals(
                List.of("report-6"),
                names(scheduler
                        .listSchedules(r -> r.groupName("sluice").state(ScheduleState.DISABLED))
                        .schedules()));
        ListSchedulesResponse everywhere = scheduler.listSchedules(r -> r.namePrefix("report-in"));
        assertEquals(List.of("report-in-default"), names(everywhere.schedules()));
        ScheduleSummary summary = everywhere.schedules().get(0);
        assertEquals("default", summary.groupName());
        assertEquals(QUEUE, summary.target().arn());
        assertEquals(ScheduleState.ENABLED, summary.state());
        assertEquals(T0, summary.creationDate());
        assertNull(everywhere.nextToken());
    }

    @Test
    void groupsAreCreatedListedAndDeletedWithTheirSchedules() {
        String arn = scheduler.createScheduleGroup(r -> r.name("sluice")).scheduleGroupArn();
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule-group/sluice", arn);
        assertEquals("ACTIVE", scheduler.getScheduleGroup(r -> r.name("sluice")).stateAsString());
        assertThrows(ConflictException.class, () -> scheduler.createScheduleGroup(r -> r.name("sluice")));
        scheduler.createSchedule(r -> r.applyMutation(minimal("in-group")).groupName("sluice"));

        List<String> groups = scheduler.listScheduleGroupsPaginator(r -> r.maxResults(1)).scheduleGroups().stream()
                .map(ScheduleGroupSummary::name)
                .toList();
        assertEquals(List.of("default", "sluice"), groups);

        scheduler.deleteScheduleGroup(r -> r.name("sluice"));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getScheduleGroup(r -> r.name("sluice")));
        scheduler.createScheduleGroup(r -> r.name("sluice"));
        assertTrue(
                scheduler.listSchedules(r -> r.groupName("sluice")).schedules().isEmpty(),
                "the group's schedules went with it");

        ValidationException defaultGroup =
                assertThrows(ValidationException.class, () -> scheduler.deleteScheduleGroup(r -> r.name("default")));
        assertTrue(
                defaultGroup.getMessage().contains("default schedule group cannot be deleted"),
                defaultGroup.getMessage());
    }

    @Test
    void aBadExpressionIsAValidationErrorNamingTheFieldAndTheProblem() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> scheduler.createSchedule(
                        r -> r.applyMutation(minimal("bad")).scheduleExpression("rate(0 minutes)")));
        assertEquals(400, e.statusCode());
        String message = e.awsErrorDetails().errorMessage();
        assertTrue(
                message.startsWith(
                        "1 validation error detected: Value 'rate(0 minutes)' at 'scheduleExpression' failed to satisfy constraint: "),
                message);
        assertFalse(message.endsWith("constraint: "), message);
        assertThrows(
                ResourceNotFoundException.class,
                () -> scheduler.getSchedule(r -> r.name("bad")),
                "nothing was created");
    }

    @Test
    void aTargetOtherThanAnSqsQueueIsRefusedNamingTargetArn() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> scheduler.createSchedule(r -> r.applyMutation(minimal("lambda"))
                        .target(t -> t.arn("arn:aws:lambda:us-east-1:000000000000:function:report")
                                .roleArn(ROLE))));
        assertTrue(e.getMessage().contains("at 'target.arn'"), e.getMessage());
        assertTrue(e.getMessage().contains("SQS"), e.getMessage());
    }

    @Test
    void everyMalformedFieldIsRefusedByName() {
        assertInvalid("target.roleArn", r -> r.target(t -> t.arn(QUEUE)));
        assertInvalid("target.roleArn", r -> r.target(t -> t.arn(QUEUE).roleArn("not-a-role")));
        assertInvalid("scheduleExpressionTimezone", r -> r.scheduleExpressionTimezone("Mars/Olympus_Mons"));
        assertInvalid(
                "flexibleTimeWindow.maximumWindowInMinutes",
                r -> r.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE)));
        assertInvalid(
                "flexibleTimeWindow.maximumWindowInMinutes",
                r -> r.flexibleTimeWindow(
                        w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(1441)));
        assertInvalid(
                "target.sqsParameters.messageGroupId",
                r -> r.target(t ->
                        t.arn("arn:aws:sqs:us-east-1:000000000000:ordered.fifo").roleArn(ROLE)));
        assertInvalid(
                "target.retryPolicy.maximumRetryAttempts",
                r -> r.target(t -> t.arn(QUEUE).roleArn(ROLE).retryPolicy(p -> p.maximumRetryAttempts(186))));
        assertInvalid("endDate", r -> r.startDate(T0.plus(Duration.ofHours(2))).endDate(T0.plus(Duration.ofHours(1))));
        assertInvalid("startDate", r -> r.startDate(T0.minus(Duration.ofMinutes(6))));
        assertInvalid("name", r -> r.name("has space"));
        assertInvalid("description", r -> r.description("x".repeat(513)));
        ValidationException max =
                assertThrows(ValidationException.class, () -> scheduler.listSchedules(r -> r.maxResults(101)));
        assertTrue(max.getMessage().contains("at 'maxResults'"), max.getMessage());
        ValidationException token =
                assertThrows(ValidationException.class, () -> scheduler.listSchedules(r -> r.nextToken("forged")));
        assertTrue(token.getMessage().contains("at 'nextToken'"), token.getMessage());
    }

    @Test
    void operationsSluiceLocalDoesNotEmulateSaySo() {
        SchedulerException e = assertThrows(
                SchedulerException.class,
                () -> scheduler.listTagsForResource(
                        r -> r.resourceArn("arn:aws:scheduler:us-east-1:000000000000:schedule-group/default")));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
    }

    private void assertInvalid(String field, Consumer<CreateScheduleRequest.Builder> change) {
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .applyMutation(minimal("checked"))
                .applyMutation(change)
                .build();
        ValidationException e = assertThrows(ValidationException.class, () -> scheduler.createSchedule(request));
        assertTrue(e.getMessage().contains("at '" + field + "'"), field + ": " + e.getMessage());
    }

    private static List<String> names(List<ScheduleSummary> schedules) {
        return schedules.stream().map(ScheduleSummary::name).toList();
    }
}
