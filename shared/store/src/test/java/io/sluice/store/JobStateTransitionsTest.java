package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transition table on its own: every legal move spelled out once more, and what an illegal one says. */
class JobStateTransitionsTest {
    /** Every legal move, written out independently of the table under test. */
    private static final List<String> LEGAL = List.of(
            "received -> running",
            "received -> deferred",
            "received -> dead-lettered",
            "received -> duplicate-skipped",
            "received -> cancelled",
            "running -> running",
            "running -> succeeded",
            "running -> retrying",
            "running -> deferred",
            "running -> dead-lettered",
            "retrying -> running",
            "retrying -> deferred",
            "retrying -> dead-lettered",
            "retrying -> duplicate-skipped",
            "retrying -> cancelled",
            "deferred -> running",
            "deferred -> deferred",
            "deferred -> dead-lettered",
            "deferred -> duplicate-skipped",
            "deferred -> cancelled",
            "succeeded -> running",
            "dead-lettered -> running",
            "dead-lettered -> deferred",
            "dead-lettered -> dead-lettered",
            "dead-lettered -> duplicate-skipped",
            "duplicate-skipped -> running");

    @Test
    void allowsExactlyTheLegalMoves() {
        List<String> allowed = new ArrayList<>();
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                if (JobStateTransitions.allowed(from, to)) {
                    allowed.add(from.wireName() + " -> " + to.wireName());
                }
            }
        }
        assertEquals(LEGAL.stream().sorted().toList(), allowed.stream().sorted().toList());
    }

    @Test
    void everyLegalMovePassesTheCheck() {
        for (String move : LEGAL) {
            String[] states = move.split(" -> ");
            assertDoesNotThrow(
                    () -> JobStateTransitions.check(JobState.fromWire(states[0]), JobState.fromWire(states[1])), move);
        }
    }

    @Test
    void anIllegalMoveThrowsNamingBothStates() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> JobStateTransitions.check(JobState.SUCCEEDED, JobState.DEFERRED));
        assertEquals("a job cannot move from succeeded to deferred", e.getMessage());
    }

    @Test
    void everyStateButCancelledMayMoveToRunningSoAnExplicitKeysClaimNeedsOnlyThatConditionOnTheJobItem() {
        assertEquals(EnumSet.complementOf(EnumSet.of(JobState.CANCELLED)), JobStateTransitions.from(JobState.RUNNING));
        assertEquals(
                EnumSet.noneOf(JobState.class),
                EnumSet.copyOf(List.of(JobState.values())).stream()
                        .filter(to -> JobStateTransitions.allowed(JobState.CANCELLED, to))
                        .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(JobState.class))),
                "a cancelled job never moves");
    }

    @Test
    void onlyTheRunningAttemptSucceedsOrRetries() {
        assertEquals(EnumSet.of(JobState.RUNNING), JobStateTransitions.from(JobState.SUCCEEDED));
        assertEquals(EnumSet.of(JobState.RUNNING), JobStateTransitions.from(JobState.RETRYING));
    }

    @Test
    void nothingMovesBackToReceived() {
        assertEquals(EnumSet.noneOf(JobState.class), JobStateTransitions.from(JobState.RECEIVED));
    }
}
