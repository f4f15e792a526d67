package io.sluice.store;

import io.sluice.job.Priority;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
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
 * day first). Pages carry {@link PageTokens}.
 */
final class HistoryQueries {
    private final DynamoDbTable<JobItem> table;
    private final DynamoDbIndex<JobItem> byTypeState;
    private final DynamoDbIndex<JobItem> failures;

    HistoryQueries(DynamoDbClient dynamoDb, String tableName) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.table = enhanced.table(tableName, TableSchema.fromBean(JobItem.class));
        this.byTypeState = table.index(JobsTable.BY_TYPE_STATE);
        this.failures = table.index(JobsTable.FAILURES);
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
                item.getExpiresAt() == null ? null : Instant.ofEpochSecond(item.getExpiresAt()));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
