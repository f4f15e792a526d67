package io.sluice.store;

import io.sluice.job.Priority;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads job history through the Enhanced Client ({@link JobItem}), never with a scan: a job by id (a consistent
 * {@code GetItem}); searches ({@link JobSearch}) and listings of a type in a state through the {@code byState}
 * index, one partition per state, priority and shard, merged newest first; dead-lettered jobs in a time window
 * through the {@code deadLetters} index, one partition per UTC day, priority and shard; the jobs that used an idempotency key
 * through the {@code byIdempotencyKey} index. The indexes hold keys (and the source, which searches filter on), so
 * every query reads the items its entries point to with {@code BatchGetItem}, and keeps an entry only if the item
 * still says what the entry says (an index is eventually consistent, and a first delivery's claim changes a job's
 * state without moving its entry). The page token is the position of the page's last entry (its sort key), so the
 * next page resumes below it in every partition; a page may hold fewer jobs than asked when entries were stale, and
 * its token then still leads on.
 */
final class HistoryQueries {
    /** The most jobs a search returns in one page. */
    static final int MAX_SEARCH_LIMIT = 1000;
    /** The page token attribute of a search: the position its next page resumes below. */
    private static final String SEARCH_POSITION = "searchBefore";
    /** The page token attribute of a failures listing. */
    private static final String FAILURES_POSITION = "failuresBefore";
    /**
     * The states a write lists a job under in {@code byState}; an all-states search reads only their partitions.
     * Nothing records {@code received}, and a cancellation (by the producer client, which knows neither the job's
     * type nor its priority) takes the job out of the index: such jobs are found by id.
     */
    private static final List<JobState> LISTED = List.of(
            JobState.RUNNING,
            JobState.RETRYING,
            JobState.DEFERRED,
            JobState.SUCCEEDED,
            JobState.DEAD_LETTERED,
            JobState.DUPLICATE_SKIPPED);
    /** BatchGetItem's most keys per request. */
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<JobItem> table;
    private final DynamoDbIndex<JobItem> byState;
    private final DynamoDbIndex<JobItem> deadLetters;
    private final DynamoDbIndex<JobItem> byIdempotencyKey;

    HistoryQueries(DynamoDbClient dynamoDb, String tableName) {
        this.enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.table = enhanced.table(tableName, TableSchema.fromBean(JobItem.class));
        this.byState = table.index(JobsTable.BY_STATE);
        this.deadLetters = table.index(JobsTable.DEAD_LETTERS);
        this.byIdempotencyKey = table.index(JobsTable.BY_IDEMPOTENCY_KEY);
    }

    Optional<JobRecord> get(String jobId) {
        JobItem item = table.getItem(r -> r.key(Key.builder()
                        .partitionValue(JobsTableEncoding.jobPartition(jobId))
                        .build())
                .consistentRead(true));
        return Optional.ofNullable(item).map(HistoryQueries::toRecord);
    }

    /** Jobs of a type in a state, most recently changed first: a search for exactly that. */
    Page<JobRecord> list(String type, JobState state, int limit, String pageToken) {
        return search(new JobSearch(type, state, null, null, null, null, null), limit, pageToken);
    }

    /** Dead-lettered jobs that finished in {@code [from, to)}, newest first: each UTC day's partitions, newest day first. */
    Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must start before it ends: from " + from + ", to " + to);
        }
        checkLimit(limit);
        String before = position(pageToken, FAILURES_POSITION, "a failures listing");
        String lower = JobsTableEncoding.time(from);
        String upper = below(JobsTableEncoding.time(to.minusMillis(1)) + "#~", before);
        List<JobItem> entries = new ArrayList<>();
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(timeOf(upper), ZoneOffset.UTC);
                !day.isBefore(firstDay) && entries.size() <= limit;
                day = day.minusDays(1)) {
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<String> partitions = new ArrayList<>();
            for (Priority priority : Priority.values()) {
                for (int shard = 0; shard < JobsTable.SHARDS; shard++) {
                    partitions.add(JobsTable.failedShard(dayStart, priority.wireName(), shard));
                }
            }
            entries.addAll(newestBelow(
                    deadLetters,
                    partitions,
                    lower,
                    upper,
                    before,
                    null,
                    JobItem::getFailedAt,
                    limit + 1 - entries.size()));
        }
        List<JobItem> page = entries.subList(0, Math.min(limit, entries.size()));
        List<JobRecord> records = new ArrayList<>();
        Map<String, JobItem> items = hydrate(page);
        for (JobItem entry : page) {
            JobItem item = items.get(entry.getPk());
            if (item != null && entry.getFailedAt().equals(item.getFailedAt())) {
                records.add(toRecord(item));
            }
        }
        String next = entries.size() > limit
                ? token(FAILURES_POSITION, page.get(limit - 1).getFailedAt())
                : null;
        return new Page<>(records, next);
    }

    /**
     * Jobs matching {@code search}, newest first by last change. With an idempotency key: the few jobs that used it
     * (the {@code byIdempotencyKey} index, and the job whose id is the key). Else jobs of the type: the
     * {@code byState} partitions of each state searched, every priority and shard, with the source and the job id
     * prefix as filters of the queries.
     */
    Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
        checkLimit(limit);
        String before = position(pageToken, SEARCH_POSITION, "a job search");
        if (search.idempotencyKey() != null) {
            return usersOfKey(search, limit, before);
        }
        String lower = search.from() == null ? "0" : JobsTableEncoding.time(search.from());
        String upper = below(
                search.to() == null ? "~" : JobsTableEncoding.time(search.to().minusMillis(1)) + "#~", before);
        List<String> partitions = new ArrayList<>();
        for (JobState state : search.state() == null ? LISTED : List.of(search.state())) {
            for (Priority priority : Priority.values()) {
                for (int shard = 0; shard < JobsTable.SHARDS; shard++) {
                    partitions.add(JobsTable.stateShard(search.type(), state.wireName(), priority.wireName(), shard));
                }
            }
        }
        List<JobItem> entries = lower.compareTo(upper) > 0
                ? List.of()
                : newestBelow(
                        byState, partitions, lower, upper, before, filter(search), JobItem::getStateAt, limit + 1);
        List<JobItem> page = entries.subList(0, Math.min(limit, entries.size()));
        Map<String, JobItem> items = hydrate(page);
        List<JobRecord> records = new ArrayList<>();
        for (JobItem entry : page) {
            JobItem item = items.get(entry.getPk());
            // The item must still be where its entry lists it, and (a first delivery's claim) in the state searched.
            if (item != null
                    && entry.getStateAt().equals(item.getStateAt())
                    && search.matches(toRecord(item), changedAt(item))) {
                records.add(toRecord(item));
            }
        }
        String next = entries.size() > limit
                ? token(SEARCH_POSITION, page.get(limit - 1).getStateAt())
                : null;
        return new Page<>(records, next);
    }

    /** Every job that used an explicit key (its index partition), and the job whose id is the key, if any. */
    private Page<JobRecord> usersOfKey(JobSearch search, int limit, String before) {
        String key = search.idempotencyKey();
        List<JobItem> entries = new ArrayList<>();
        byIdempotencyKey
                .query(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(key).build()))
                .forEach(page -> entries.addAll(page.items()));
        JobItem own = new JobItem();
        own.setPk(JobsTableEncoding.jobPartition(key));
        entries.add(own);
        List<JobItem> found = hydrate(entries).values().stream()
                .filter(item -> key.equals(item.getIdempotencyKey()))
                .filter(item -> before == null || position(item).compareTo(before) < 0)
                .filter(item -> search.matches(toRecord(item), changedAt(item)))
                .sorted(Comparator.comparing((JobItem item) -> position(item)).reversed())
                .toList();
        List<JobItem> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? token(SEARCH_POSITION, position(page.get(limit - 1))) : null;
        return new Page<>(page.stream().map(HistoryQueries::toRecord).toList(), next);
    }

    /**
     * Up to {@code wanted} entries of an index, newest first by {@code sortKey}, merged from {@code partitions}, with
     * sort keys in {@code [lower, upper]} and never equal to {@code exclusive} (the position a page resumes below).
     * Each partition is read until it gave {@code wanted} entries or ran out, so the merge is exact.
     */
    private static List<JobItem> newestBelow(
            DynamoDbIndex<JobItem> index,
            List<String> partitions,
            String lower,
            String upper,
            String exclusive,
            Expression filter,
            Function<JobItem, String> sortKey,
            int wanted) {
        List<JobItem> merged = new ArrayList<>();
        if (wanted <= 0) {
            return merged;
        }
        for (String partition : partitions) {
            Map<String, AttributeValue> start = null;
            int taken = 0;
            do {
                QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBetween(
                                Key.builder()
                                        .partitionValue(partition)
                                        .sortValue(lower)
                                        .build(),
                                Key.builder()
                                        .partitionValue(partition)
                                        .sortValue(upper)
                                        .build()))
                        .scanIndexForward(false)
                        .filterExpression(filter)
                        .exclusiveStartKey(start)
                        .limit(wanted - taken + 1) // + 1: the entry at the resume position may be read again
                        .build();
                var page = index.query(query).iterator().next();
                for (JobItem entry : page.items()) {
                    if (!sortKey.apply(entry).equals(exclusive)) {
                        merged.add(entry);
                        taken++;
                    }
                }
                start = page.lastEvaluatedKey() == null
                                || page.lastEvaluatedKey().isEmpty()
                        ? null
                        : page.lastEvaluatedKey();
            } while (start != null && taken < wanted);
        }
        merged.sort(Comparator.comparing(sortKey).reversed());
        return merged.subList(0, Math.min(wanted, merged.size()));
    }

    /** The items index entries point to, by {@code pk}, read consistently in batches; absent ones are missing. */
    private Map<String, JobItem> hydrate(List<JobItem> entries) {
        Map<String, JobItem> items = new HashMap<>();
        for (int from = 0; from < entries.size(); from += BATCH_GET_LIMIT) {
            ReadBatch.Builder<JobItem> batch = ReadBatch.builder(JobItem.class).mappedTableResource(table);
            entries.subList(from, Math.min(entries.size(), from + BATCH_GET_LIMIT)).stream()
                    .map(JobItem::getPk)
                    .distinct()
                    .forEach(pk -> batch.addGetItem(GetItemEnhancedRequest.builder()
                            .key(Key.builder().partitionValue(pk).build())
                            .consistentRead(true)
                            .build()));
            // The page iterable asks again for the keys DynamoDB left unprocessed.
            enhanced.batchGetItem(r -> r.readBatches(batch.build()))
                    .resultsForTable(table)
                    .forEach(item -> items.put(item.getPk(), item));
        }
        return items;
    }

    /** The search's source and job id prefix as a filter on the index's entries, or {@code null} for none. */
    private static Expression filter(JobSearch search) {
        List<String> terms = new ArrayList<>();
        Expression.Builder filter = Expression.builder();
        if (search.source() != null) {
            terms.add("#source = :source");
            filter.putExpressionName("#source", "source");
            filter.putExpressionValue(":source", JobsTableEncoding.text(search.source()));
        }
        if (search.jobIdPrefix() != null) {
            // The table's key is in every index entry: JOB#<jobId>.
            terms.add("begins_with(" + JobsTable.PARTITION_KEY + ", :prefix)");
            filter.putExpressionValue(
                    ":prefix", JobsTableEncoding.text(JobsTableEncoding.jobPartition(search.jobIdPrefix())));
        }
        return terms.isEmpty()
                ? null
                : filter.expression(String.join(" AND ", terms)).build();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new IllegalArgumentException(
                    "a page's limit must be 1 to " + MAX_SEARCH_LIMIT + " jobs, not " + limit);
        }
    }

    /** The resume position a page token carries, {@code null} for the first page. */
    private static String position(String pageToken, String attribute, String issuer) {
        if (pageToken == null) {
            return null;
        }
        Map<String, AttributeValue> position = PageTokens.decode(pageToken);
        AttributeValue value = position.get(attribute);
        if (value == null || value.s() == null || value.s().length() < 24) {
            throw new IllegalArgumentException("page token '" + pageToken + "' was not issued by " + issuer);
        }
        return value.s();
    }

    private static String token(String attribute, String position) {
        return PageTokens.encode(Map.of(attribute, JobsTableEncoding.text(position)));
    }

    /** The lower of a query's upper bound and the position a page resumes below (inclusive; the caller drops it). */
    private static String below(String upper, String before) {
        return before != null && before.compareTo(upper) < 0 ? before : upper;
    }

    /** The time at the start of a sort key, {@code <time>#...}; after the window's end marker, that end. */
    private static Instant timeOf(String sortKey) {
        return Instant.parse(sortKey.substring(0, 24));
    }

    /**
     * Where a job stands in the newest-first order of searches: its last change and id ({@code stateAt}); a job
     * cancelled by its producer, which left the state index, by when it was cancelled.
     */
    private static String position(JobItem item) {
        if (item.getStateAt() != null) {
            return item.getStateAt();
        }
        String at = item.getFinishedAt() != null ? item.getFinishedAt() : item.getCreatedAt();
        return (at == null ? JobsTableEncoding.time(Instant.EPOCH) : at) + "#" + item.getJobId();
    }

    private static Instant changedAt(JobItem item) {
        return timeOf(position(item));
    }

    private static JobRecord toRecord(JobItem item) {
        List<AttemptRecord> attempts = new ArrayList<>();
        if (item.getAttempts() != null) {
            for (int i = 0; i < item.getAttempts().size(); i++) {
                AttemptItem a = item.getAttempts().get(i);
                attempts.add(new AttemptRecord(
                        i + 1, instant(a.getStartedAt()), instant(a.getEndedAt()), a.getOutcome(), a.getError()));
            }
        }
        return new JobRecord(
                item.getJobId(),
                item.getType(),
                item.getPriority() == null ? null : Priority.fromWire(item.getPriority()),
                item.getState() == null ? null : JobState.fromWire(item.getState()),
                attempts,
                instant(item.getCreatedAt()),
                instant(item.getStartedAt()),
                instant(item.getFinishedAt()),
                item.getQueueLatencyMs() == null ? null : Duration.ofMillis(item.getQueueLatencyMs()),
                item.getDurationMs() == null ? null : Duration.ofMillis(item.getDurationMs()),
                item.getResult(),
                item.getDeadLetterReason(),
                item.getDeadLetterDetail(),
                instant(item.getRunAt()),
                item.getIdempotencyKey(),
                item.getDuplicateOf(),
                item.getDuplicatesSkipped() == null ? 0 : item.getDuplicatesSkipped(),
                item.getExpiresAt() == null ? null : Instant.ofEpochSecond(item.getExpiresAt()),
                item.getSource());
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
