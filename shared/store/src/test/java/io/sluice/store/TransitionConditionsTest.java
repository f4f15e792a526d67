package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The conditions the writes send, as built from the transition table, without DynamoDB. */
class TransitionConditionsTest {
    private static final Set<String> IDLE = Set.of("received", "retrying", "deferred", "dead-lettered");

    @Test
    void aWriteWithoutAClaimNeedsANewJobOrOneNobodyIsRunningAndThatHasNotFinished() {
        // Running is allowed only once the run's claim lapsed: its holder crashed, nobody will end that run.
        for (JobState to : new JobState[] {JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED}) {
            UpdateExpression update =
                    TransitionConditions.withoutClaim(new UpdateExpression(), to, java.time.Instant.ofEpochMilli(1000));

            assertEquals(
                    "attribute_not_exists(pk) OR #state IN (:received, :retrying, :deferred, :deadLettered)"
                            + " OR (#state = :running AND inProgressUntil < :nowMs)",
                    update.conditionExpression(),
                    to.wireName());
            Set<String> states = new java.util.HashSet<>(IDLE);
            states.add("running");
            assertEquals(states, texts(update.values()), to.wireName());
            assertEquals(Map.of("#state", "state"), update.names());
        }
    }

    @Test
    void aWriteWithoutAClaimCannotFinishOrRetryAJob() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TransitionConditions.withoutClaim(
                        new UpdateExpression(), JobState.SUCCEEDED, java.time.Instant.EPOCH));
        assertEquals(
                "a job cannot move to succeeded without holding its claim: the table allows it from running only",
                e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> TransitionConditions.withoutClaim(
                        new UpdateExpression(), JobState.RETRYING, java.time.Instant.EPOCH));
    }

    @Test
    void theClaimHolderEndsItsAttemptOnItsToken() {
        for (JobState to :
                new JobState[] {JobState.SUCCEEDED, JobState.RETRYING, JobState.DEFERRED, JobState.DEAD_LETTERED}) {
            UpdateExpression update = TransitionConditions.byClaimHolder(new UpdateExpression(), "t-1", to);

            assertEquals("claimToken = :token", update.conditionExpression());
            assertEquals(Map.of(":token", AttributeValue.fromS("t-1")), update.values());
        }
    }

    @Test
    void theClaimHolderCannotMakeAMoveTheTableForbidsAndIsToldBothStates() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TransitionConditions.byClaimHolder(new UpdateExpression(), "t-1", JobState.DUPLICATE_SKIPPED));
        assertEquals("a job cannot move from running to duplicate-skipped", e.getMessage());
    }

    @Test
    void theClaimTakesEveryStateThatMayRunAgainAndTheGuardedOnesOnlyWithTheirGuards() {
        UpdateExpression update = new UpdateExpression();
        Map<JobState, String> guards = new EnumMap<>(JobState.class);
        guards.put(JobState.SUCCEEDED, "idemExpiresAt < :nowMs");
        guards.put(JobState.RUNNING, "inProgressUntil < :nowMs");

        assertEquals(
                "#state IN (:received, :retrying, :deferred, :deadLettered, :duplicateSkipped) "
                        + "OR (#state = :running AND inProgressUntil < :nowMs) OR (#state = :succeeded AND idemExpiresAt < :nowMs)",
                TransitionConditions.stateAllows(update, JobState.RUNNING, guards));
    }

    @Test
    void aGuardOnAStateTheTableDoesNotLetMoveThereIsRefusedNamingBothStates() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TransitionConditions.stateAllows(
                        new UpdateExpression(), JobState.DEFERRED, Map.of(JobState.SUCCEEDED, "true")));
        assertEquals("a job cannot move from succeeded to deferred", e.getMessage());
    }

    @Test
    void noConditionForAStateNothingMovesTo() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TransitionConditions.stateAllows(new UpdateExpression(), JobState.RECEIVED, Map.of()));
        assertEquals("a job cannot move to received from any state", e.getMessage());
    }

    private static Set<String> texts(Map<String, AttributeValue> values) {
        return values.values().stream()
                .map(AttributeValue::s)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    }
}
