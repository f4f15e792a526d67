package io.sluice.store;

import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The condition expressions that make the store's writes follow {@link JobStateTransitions}: DynamoDB
 * applies an update only if its {@code ConditionExpression} holds on the item as it is, atomically with
 * the write (see
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html">condition
 * expressions</a>), so two deliveries racing on one job cannot both make a move the table forbids.
 * Building a condition for a move that is not in the table throws, naming both states.
 */
final class TransitionConditions {
    private TransitionConditions() {}

    /**
     * A write by the attempt that holds the job's claim, moving the job from running to {@code to}: its
     * claim token must still be on the item. Only a claim sets the token, always with state running, and
     * every move out of running removes it, so a matching token means the job is running and this attempt
     * still holds it (its claim did not lapse and get taken over). On an explicit key's item the same token
     * guards the job item written in the same transaction.
     */
    static UpdateExpression byClaimHolder(UpdateExpression update, String token, JobState to) {
        JobStateTransitions.check(JobState.RUNNING, to);
        return update.condition("claimToken = " + update.text("token", token));
    }

    /**
     * A write that holds no claim (a deferral, a duplicate, a refusal before any attempt), moving the job to
     * {@code to}: the job is new to the store, or in a state the table lets move there; from running only once
     * that run's claim lapsed by {@code now} (a live claim's holder alone may end its run). A late copy of a
     * message thus never reopens a finished job nor ends a live run, but does end a run whose holder crashed.
     */
    static UpdateExpression withoutClaim(UpdateExpression update, JobState to, Instant now) {
        Set<JobState> from = JobStateTransitions.from(to);
        boolean fromRunning = from.remove(JobState.RUNNING);
        if (from.isEmpty()) {
            // Succeeded and retrying follow a run only: nobody but the run's holder may write them.
            throw new IllegalStateException("a job cannot move to " + to.wireName()
                    + " without holding its claim: the table allows it from "
                    + (fromRunning ? JobState.RUNNING.wireName() + " only" : "no state"));
        }
        Map<JobState, String> guards = new EnumMap<>(JobState.class);
        if (JobStateTransitions.mayEndALapsedRun(to)) {
            guards.put(JobState.RUNNING, "inProgressUntil < " + update.number("nowMs", now.toEpochMilli()));
        }
        return update.condition(
                "attribute_not_exists(" + JobsTable.PARTITION_KEY + ") OR " + stateIsOneOf(update, from, guards));
    }

    /**
     * The job item's state is one from which the table allows a move to {@code to}; a state that has a
     * guard only while the guard (a condition written with {@code update}'s placeholders) holds too.
     */
    static String stateAllows(UpdateExpression update, JobState to, Map<JobState, String> guards) {
        guards.keySet().forEach(from -> JobStateTransitions.check(from, to));
        Set<JobState> unguarded = JobStateTransitions.from(to);
        unguarded.removeAll(guards.keySet());
        if (unguarded.isEmpty() && guards.isEmpty()) {
            throw new IllegalStateException("a job cannot move to " + to.wireName() + " from any state");
        }
        return stateIsOneOf(update, unguarded, guards);
    }

    /** {@code #state IN (unguarded...) OR (#state = guarded AND its guard) OR ...}, states in declaration order. */
    private static String stateIsOneOf(UpdateExpression update, Set<JobState> unguarded, Map<JobState, String> guards) {
        String state = update.name("state");
        List<String> alternatives = new ArrayList<>();
        if (!unguarded.isEmpty()) {
            List<String> values = new ArrayList<>();
            unguarded.forEach(s -> values.add(stateValue(update, s)));
            alternatives.add(state + " IN (" + String.join(", ", values) + ")");
        }
        Map<JobState, String> inOrder = new EnumMap<>(JobState.class);
        inOrder.putAll(guards);
        inOrder.forEach((from, guard) ->
                alternatives.add("(" + state + " = " + stateValue(update, from) + " AND " + guard + ")"));
        return String.join(" OR ", alternatives);
    }

    /** The placeholder of a state's wire name, named after it: {@code :deadLettered}. */
    private static String stateValue(UpdateExpression update, JobState state) {
        StringBuilder hint = new StringBuilder();
        boolean upper = false;
        for (char c : state.wireName().toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                hint.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return update.text(hint.toString(), state.wireName());
    }
}
