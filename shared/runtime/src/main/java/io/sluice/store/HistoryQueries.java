package io.sluice.store;

import io.sluice.job.Priority;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads job history through the Enhanced Client ({@link JobItem}), never with a scan: a job by id (a
 * consistent {@code GetItem}), jobs of a type in a state (one page of the {@code byTypeState} index), and
 * dead-lettered jobs in a time window (the sparse {@code failures} index, one query per UTC day, newest
 * day first), and operator searches ({@link JobSearch}: the {@code byTypeState} partitions of a type, or the
 * sparse {@code byIdempotencyKey} index). Pages carry {@link PageTokens}.
 */
final class HistoryQueries {
    /** The most jobs a search returns in one page. */
    static final int MAX_SEARCH_LIMIT = 1000;
    /** The page token attribute of a search: the position its next page resumes below. */
    private static final String SEARCH_POSITION = "searchBefore";

    private final DynamoDbTable<JobItem> table;
    private final DynamoDbIndex<JobItem> byTypeState;
    private final DynamoDbIndex<JobItem> failures;
    private final DynamoDbIndex<JobItem> byIdempotencyKey;

    HistoryQueries(DynamoDbClient dynamoDb, String tableName) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.table = enhanced.table(tableName, TableSchema.fromBean(JobItem.class));
        this.byTypeState = table.index(JobsTable.BY_TYPE_STATE);
        this.failures = table.index(JobsTable.FAILURES);
        this.byIdempotencyKey = table.index(JobsTable.BY_IDEMPOTENCY_KEY);
    }

    Optional<JobRecord> get(String jobId) {
        JobItem item = table.getItem(r -> r.key(Key.builder()
                        .partitionValue(JobsTableEncoding.jobPartition(jobId))
                        .build())
                .consistentRead(true));
        return Optional.ofNullable(item).map(HistoryQueries::toRecord);
    }

    /** Jobs of a type in a state, most recently changed first. */
    Page<JobRecord> list(String type, JobState state, int limit, String pageToken) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(type + "#" + state.wireName())
                        .build()))
                .scanIndexForward(false)
                .limit(limit);
        if (pageToken != null) {
            query.exclusiveStartKey(PageTokens.decode(pageToken));
        }
        var page = byTypeState.query(query.build()).iterator().next();
        return new Page<>(
                page.items().stream().map(HistoryQueries::toRecord).toList(),
                PageTokens.encode(page.lastEvaluatedKey()));
    }

    /** Dead-lettered jobs that finished in {@code [from, to)}, newest first. */
    Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must start before it ends: from " + from + ", to " + to);
        }
        // Days are queried newest first; the token carries the day and DynamoDB's position in it.
        Map<String, AttributeValue> start = pageToken == null ? null : PageTokens.decode(pageToken);
        if (start != null && !start.containsKey("failedDay")) {
            throw new IllegalArgumentException("page token '" + pageToken + "' was not issued by a failures query");
        }
        String day = start == null
                ? JobsTableEncoding.day(to.minusMillis(1))
                : start.get("failedDay").s();
        if (start != null && !start.containsKey("failedAt")) {
            start = null; // the token names a day to begin, not a position inside it
        }
        String firstDay = JobsTableEncoding.day(from);
        List<JobRecord> found = new ArrayList<>();
        while (found.size() < limit && day.compareTo(firstDay) >= 0) {
            QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.sortBetween(
                            Key.builder()
                                    .partitionValue(day)
                                    .sortValue(JobsTableEncoding.time(from))
                                    .build(),
                            Key.builder()
                                    .partitionValue(day)
                                    .sortValue(JobsTableEncoding.time(to.minusMillis(1)) + "#~")
                                    .build()))
                    .scanIndexForward(false)
                    .limit(limit - found.size());
            if (start != null) {
                query.exclusiveStartKey(start);
                start = null;
            }
            var page = failures.query(query.build()).iterator().next();
            page.items().forEach(item -> found.add(toRecord(item)));
            if (page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty()) {
                if (found.size() >= limit) {
                    return new Page<>(found, PageTokens.encode(page.lastEvaluatedKey()));
                }
                start = page.lastEvaluatedKey();
                continue;
            }
            day = previousDay(day);
            if (found.size() >= limit && day.compareTo(firstDay) >= 0) {
                return new Page<>(found, PageTokens.encode(Map.of("failedDay", JobsTableEncoding.text(day))));
            }
        }
        return new Page<>(found, null);
    }

    /**
     * Jobs matching {@code search}, newest first by last change. With an idempotency key: the few jobs that used it
     * (the {@code byIdempotencyKey} index, and the job whose id is the key). Else jobs of the type: one
     * {@code byTypeState} partition per state searched, merged by last change. The page token is the position
     * (last change and job id) of the page's last job, so the next page resumes below it in every partition.
     */
    Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new IllegalArgumentException(
                    "a search's limit must be 1 to " + MAX_SEARCH_LIMIT + " jobs a page, not " + limit);
        }
        String before = null;
        if (pageToken != null) {
            Map<String, AttributeValue> position = PageTokens.decode(pageToken);
            if (!position.containsKey(SEARCH_POSITION)) {
                throw new IllegalArgumentException("page token '" + pageToken + "' was not issued by a job search");
            }
            before = position.get(SEARCH_POSITION).s();
        }
        List<JobItem> found = search.idempotencyKey() != null
                ? usersOfKey(search.idempotencyKey())
                : ofType(search, limit + 1, before);
        String after = before;
        List<JobItem> matching = found.stream()
                .filter(item -> after == null || position(item).compareTo(after) < 0)
                .filter(item -> search.matches(toRecord(item), changedAt(item)))
                .sorted((a, b) -> position(b).compareTo(position(a)))
                .toList();
        List<JobItem> page = matching.subList(0, Math.min(limit, matching.size()));
        String next = matching.size() > limit
                ? PageTokens.encode(Map.of(SEARCH_POSITION, JobsTableEncoding.text(position(page.get(limit - 1)))))
                : null;
        return new Page<>(page.stream().map(HistoryQueries::toRecord).toList(), next);
    }

    /** Up to {@code wanted} matching jobs of the search's type from each state's partition, below {@code before}. */
    private List<JobItem> ofType(JobSearch search, int wanted, String before) {
        String lower = search.from() == null ? "0" : JobsTableEncoding.time(search.from());
        String upper =
                search.to() == null ? "~" : JobsTableEncoding.time(search.to().minusMillis(1)) + "#~";
        if (before != null && before.compareTo(upper) < 0) {
            upper = before; // inclusive in the key condition; the position itself is dropped by the caller
        }
        List<JobItem> found = new ArrayList<>();
        if (lower.compareTo(upper) > 0) {
            return found;
        }
        Expression filter = filter(search);
        List<JobState> states = search.state() == null ? List.of(JobState.values()) : List.of(search.state());
        for (JobState state : states) {
            Map<String, AttributeValue> start = null;
            int matched = 0;
            do {
                QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBetween(
                                Key.builder()
                                        .partitionValue(search.type() + "#" + state.wireName())
                                        .sortValue(lower)
                                        .build(),
                                Key.builder()
                                        .partitionValue(search.type() + "#" + state.wireName())
                                        .sortValue(upper)
                                        .build()))
                        .scanIndexForward(false)
                        .filterExpression(filter)
                        .exclusiveStartKey(start)
                        .limit(wanted - matched + 1); // + 1: the position the page resumes below may be read again
                var page = byTypeState.query(query.build()).iterator().next();
                found.addAll(page.items());
                matched += page.items().size();
                start = page.lastEvaluatedKey() == null
                                || page.lastEvaluatedKey().isEmpty()
                        ? null
                        : page.lastEvaluatedKey();
            } while (start != null && matched <= wanted);
        }
        return found;
    }

    /** The search's source and job id prefix as a filter on the index's items, or {@code null} for none. */
    private static Expression filter(JobSearch search) {
        List<String> terms = new ArrayList<>();
        Expression.Builder filter = Expression.builder();
        if (search.source() != null) {
            terms.add("#source = :source");
            filter.putExpressionName("#source", "source");
            filter.putExpressionValue(":source", JobsTableEncoding.text(search.source()));
        }
        if (search.jobIdPrefix() != null) {
            terms.add("begins_with(jobId, :prefix)");
            filter.putExpressionValue(":prefix", JobsTableEncoding.text(search.jobIdPrefix()));
        }
        return terms.isEmpty()
                ? null
                : filter.expression(String.join(" AND ", terms)).build();
    }

    /** Every job that used an explicit key (its index partition), and the job whose id is the key, if any. */
    private List<JobItem> usersOfKey(String key) {
        Map<String, JobItem> byId = new LinkedHashMap<>();
        byIdempotencyKey
                .query(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(key).build()))
                .forEach(page -> page.items().forEach(item -> byId.put(item.getJobId(), item)));
        JobItem own = table.getItem(r -> r.key(Key.builder()
                        .partitionValue(JobsTableEncoding.jobPartition(key))
                        .build())
                .consistentRead(true));
        if (own != null && key.equals(own.getIdempotencyKey())) {
            byId.putIfAbsent(own.getJobId(), own);
        }
        return new ArrayList<>(byId.values());
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
        return (at == null ? "0" : at) + "#" + item.getJobId();
    }

    private static Instant changedAt(JobItem item) {
        String position = position(item);
        return position.startsWith("0#") ? Instant.EPOCH : Instant.parse(position.substring(0, position.indexOf('#')));
    }

    private static String previousDay(String day) {
        return JobsTableEncoding.day(
                LocalDate.parse(day).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
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
