package io.sluice.local.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The local scheduler's schedules and groups, with EventBridge Scheduler's rules for changing them: names
 * unique per group, the {@value #DEFAULT_GROUP} group always present, an update replacing the whole
 * definition, a group's deletion taking its schedules with it, a repeated {@code ClientToken} making a create
 * safe to retry, and every definition checked by the {@link DefinitionRules} before it is stored. It knows nothing of HTTP (the API layer
 * translates requests into these calls) and nothing of firing beyond the two bookkeeping calls the
 * {@link ScheduleDispatcher} makes. Every change is handed to the {@link ScheduleStore} (one record, not the whole state) before the call returns.
 */
public final class ScheduleRegistry {
    /** The group every account has, which cannot be deleted. */
    public static final String DEFAULT_GROUP = "default";
    /** The most one page of a listing holds, and what it holds when the caller does not say. */
    public static final int MAX_RESULTS = 100;

    private final SchedulerAccount account;
    private final ScheduleStore store;
    private final Clock clock;
    private final TreeMap<String, ScheduleGroup> groups = new TreeMap<>();
    private final TreeMap<String, Schedule> schedules = new TreeMap<>();
    private volatile Consumer<String> listener;

    public ScheduleRegistry(SchedulerAccount account, ScheduleStore store, Clock clock) {
        this.account = account;
        this.store = store;
        this.clock = clock;
        SchedulerSnapshot saved = store.load();
        saved.groups().forEach(g -> groups.put(g.name(), g));
        saved.schedules().forEach(s -> schedules.put(s.key(), s));
        if (!groups.containsKey(DEFAULT_GROUP)) {
            Instant now = clock.instant();
            ScheduleGroup group = new ScheduleGroup(DEFAULT_GROUP, now, now, null);
            groups.put(DEFAULT_GROUP, group);
            store.putGroup(group);
        }
    }

    public SchedulerAccount account() {
        return account;
    }

    // Groups

    /** Creates group {@code name}; a retry with the same client token returns the group it created. */
    public synchronized ScheduleGroup createGroup(String name, String clientToken) {
        ScheduleGroup existing = groups.get(name);
        if (existing != null) {
            if (clientToken != null && clientToken.equals(existing.clientToken())) {
                return existing;
            }
            throw new SchedulerException(SchedulerError.CONFLICT, "Schedule group " + name + " already exists.");
        }
        Instant now = clock.instant();
        ScheduleGroup group = new ScheduleGroup(name, now, now, clientToken);
        groups.put(name, group);
        store.putGroup(group);
        return group;
    }

    /** Group {@code name}, created now if it does not exist yet. */
    public synchronized ScheduleGroup ensureGroup(String name) {
        ScheduleGroup existing = groups.get(name);
        return existing != null ? existing : createGroup(name, null);
    }

    public synchronized ScheduleGroup group(String name) {
        return requireGroup(name);
    }

    /** Deletes group {@code name} and every schedule in it. */
    public synchronized void deleteGroup(String name) {
        if (DEFAULT_GROUP.equals(name)) {
            throw SchedulerException.invalid("name", name, "The default schedule group cannot be deleted");
        }
        requireGroup(name);
        List<String> removed = schedules.values().stream()
                .filter(s -> s.groupName().equals(name))
                .map(Schedule::key)
                .toList();
        for (String key : removed) {
            schedules.remove(key);
            store.deleteSchedule(key);
            changed(key);
        }
        groups.remove(name);
        store.deleteGroup(name);
    }

    /** Groups whose names start with {@code prefix} (any when {@code null}), in name order, a page at a time. */
    public synchronized ListingPage<ScheduleGroup> groups(String prefix, Integer maxResults, String nextToken) {
        return page(
                groups.values(),
                ScheduleGroup::name,
                g -> prefix == null || g.name().startsWith(prefix),
                maxResults,
                nextToken);
    }

    // Schedules

    /**
     * Creates schedule {@code name} in {@code group} ({@value #DEFAULT_GROUP} when {@code null}). A retry of
     * the same call (same client token, same definition) returns the schedule it created.
     */
    public synchronized Schedule create(String group, String name, ScheduleDefinition definition, String clientToken) {
        String groupName = groupOrDefault(group);
        Instant now = clock.instant();
        DefinitionRules.check(definition, now);
        requireGroup(groupName);
        Schedule existing = schedules.get(Schedule.key(groupName, name));
        if (existing != null) {
            if (clientToken != null
                    && clientToken.equals(existing.clientToken())
                    && existing.definition().equals(definition)) {
                return existing;
            }
            throw new SchedulerException(SchedulerError.CONFLICT, "Schedule " + name + " already exists.");
        }
        Schedule schedule = new Schedule(name, groupName, definition, now, now, clientToken, null);
        schedules.put(schedule.key(), schedule);
        store.putSchedule(schedule);
        changed(schedule.key());
        return schedule;
    }

    /** Replaces the definition of an existing schedule; it starts firing afresh from now. */
    public synchronized Schedule update(String group, String name, ScheduleDefinition definition) {
        String groupName = groupOrDefault(group);
        Instant now = clock.instant();
        DefinitionRules.check(definition, now);
        Schedule existing = require(groupName, name);
        Schedule updated =
                new Schedule(name, groupName, definition, existing.creationDate(), now, existing.clientToken(), null);
        schedules.put(updated.key(), updated);
        store.putSchedule(updated);
        changed(updated.key());
        return updated;
    }

    /**
     * Creates the schedule, or replaces its definition when it differs; one that already has this very
     * definition is left as it is, so it keeps its rhythm and firing progress. For schedules sluice-local
     * owns, such as the catalogue's.
     */
    public synchronized Schedule put(String group, String name, ScheduleDefinition definition) {
        Schedule existing = schedules.get(Schedule.key(group, name));
        if (existing == null) {
            ensureGroup(group);
            return create(group, name, definition, null);
        }
        return existing.definition().equals(definition) ? existing : update(group, name, definition);
    }

    public synchronized Schedule get(String group, String name) {
        return require(groupOrDefault(group), name);
    }

    public synchronized void delete(String group, String name) {
        String groupName = groupOrDefault(group);
        require(groupName, name);
        String key = Schedule.key(groupName, name);
        schedules.remove(key);
        store.deleteSchedule(key);
        changed(key);
    }

    /**
     * Schedules, in group then name order, a page at a time, optionally only those of one group (which must
     * exist), whose names start with a prefix, or in one state.
     */
    public synchronized ListingPage<Schedule> list(
            String group, String namePrefix, ScheduleState state, Integer maxResults, String nextToken) {
        if (group != null) {
            requireGroup(group);
        }
        String after = nextToken == null ? null : decode(nextToken);
        return page(
                after == null
                        ? schedules.values()
                        : schedules.tailMap(after, false).values(),
                Schedule::key,
                s -> (group == null || s.groupName().equals(group))
                        && (namePrefix == null || s.name().startsWith(namePrefix))
                        && (state == null || s.definition().state() == state),
                maxResults,
                nextToken);
    }

    /** Every schedule, as of now. */
    public synchronized List<Schedule> all() {
        return List.copyOf(schedules.values());
    }

    // Firing bookkeeping

    /**
     * Records that {@code fired} has fired through {@code scheduledTime}, unless it was changed or deleted
     * meanwhile (the change starts it afresh, and must not be overwritten). Returns the schedule as now stored.
     */
    public synchronized Optional<Schedule> recordFired(Schedule fired, Instant scheduledTime) {
        Schedule current = schedules.get(fired.key());
        if (!unchanged(current, fired)) {
            return Optional.ofNullable(current);
        }
        Schedule updated = current.firedThrough(scheduledTime);
        schedules.put(updated.key(), updated);
        store.putSchedule(updated);
        return Optional.of(updated);
    }

    /** Deletes a schedule that has completed, unless it was changed or deleted meanwhile. */
    public synchronized boolean deleteCompleted(Schedule completed) {
        Schedule current = schedules.get(completed.key());
        if (!unchanged(current, completed)) {
            return false;
        }
        schedules.remove(completed.key());
        store.deleteSchedule(completed.key());
        changed(completed.key());
        return true;
    }

    private static boolean unchanged(Schedule current, Schedule seen) {
        return current != null && current.lastModificationDate().equals(seen.lastModificationDate());
    }

    private static String groupOrDefault(String group) {
        return group == null ? DEFAULT_GROUP : group;
    }

    private ScheduleGroup requireGroup(String name) {
        ScheduleGroup group = groups.get(name);
        if (group == null) {
            throw SchedulerException.groupNotFound(name);
        }
        return group;
    }

    private Schedule require(String group, String name) {
        requireGroup(group);
        Schedule schedule = schedules.get(Schedule.key(group, name));
        if (schedule == null) {
            throw SchedulerException.scheduleNotFound(group, name);
        }
        return schedule;
    }

    /**
     * One page of {@code sorted} (in key order) after the key the token carries. Tokens are the last key of
     * the previous page, so a page stays correct when items are added or deleted between calls.
     */
    private static <T> ListingPage<T> page(
            Collection<T> sorted, Function<T, String> key, Predicate<T> filter, Integer maxResults, String nextToken) {
        int max = maxResults == null ? MAX_RESULTS : maxResults;
        if (max < 1 || max > MAX_RESULTS) {
            throw SchedulerException.invalid("maxResults", max, "Member must have value between 1 and " + MAX_RESULTS);
        }
        String after = nextToken == null ? null : decode(nextToken);
        List<T> items = new ArrayList<>();
        String nextKey = null;
        for (T item : sorted) {
            if (!filter.test(item) || (after != null && key.apply(item).compareTo(after) <= 0)) {
                continue;
            }
            if (items.size() == max) {
                nextKey = key.apply(items.get(items.size() - 1));
                break;
            }
            items.add(item);
        }
        return new ListingPage<>(items, nextKey == null ? null : encode(nextKey));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("v1:")) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // Reported below, as every other token this scheduler did not hand out.
        }
        throw SchedulerException.invalid("nextToken", token, "Member must be the NextToken of a previous call");
    }

    /** Tells the listener (the dispatcher's due index) that the schedule with {@code key} changed or went. */
    private void changed(String key) {
        Consumer<String> listener = this.listener;
        if (listener != null) {
            listener.accept(key);
        }
    }

    /**
     * Who hears of every created, updated and deleted schedule, by key, after the change is stored (the
     * dispatcher, to re-index its next fire time). Firing progress ({@link #recordFired}) is not announced: the
     * dispatcher made it.
     */
    public void onChange(Consumer<String> value) {
        this.listener = value;
    }

    /** The schedule with {@code key}, if it exists. */
    public synchronized Optional<Schedule> find(String key) {
        return Optional.ofNullable(schedules.get(key));
    }

    /** How many schedules there are. */
    public synchronized int size() {
        return schedules.size();
    }

    /** Closes the store; later changes are refused. */
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "ScheduleRegistry[" + account + ", " + schedules.size() + " schedules in " + groups.size() + " groups]";
    }
}
