package io.sluice.runtime.limit;

import io.sluice.catalogue.RateLimitSpec;
import io.sluice.topology.RateLimitTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A {@link RateLimiter} on the {@link RateLimitTable}. All limits of one acquisition are taken in a single
 * {@code TransactWriteItems}: one conditional update per limit, so concurrent Lambdas never exceed a limit
 * together and a job refused by one limit takes nothing from the others.
 * <ul>
 *   <li>a count limit: {@code ADD count 1} on the window's counter, if {@code attribute_not_exists(count) OR count < limit};</li>
 *   <li>{@code minInterval}: {@code SET lastRunAt = now}, if {@code attribute_not_exists(lastRunAt) OR lastRunAt <= now - minInterval}.</li>
 * </ul>
 * When a condition fails, DynamoDB cancels the whole transaction and gives a reason per item, with the item as it
 * was ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}); the blocked limits and the moment each opens are read
 * from those reasons, so a refusal costs no extra read. See
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">TransactWriteItems</a>.
 *
 * <p>A transaction that collides with another one on the same item ({@code TransactionConflict}) or is throttled
 * ({@code ThrottlingError}) is not a refusal: it is retried, up to a bounded number of tries, after a short
 * random pause; then the {@link TransactionCanceledException} is thrown, as is any other DynamoDB error. Those
 * are retryable failures for the caller. The SDK does not retry cancelled transactions itself, and it reuses the
 * request's idempotency token ({@code ClientRequestToken}) when it retries a lost response, so a run is never
 * counted twice by a network retry.
 *
 * <p>Each acquisition costs one transactional write of one item per limit (two write units each); an
 * {@linkplain RateLimitSpec#isUnlimited() unlimited} spec costs nothing.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    /** Attempts per acquisition when transactions collide, the first included. */
    public static final int DEFAULT_TRANSACTION_TRIES = 5;

    private static final long TTL_GRACE_SECONDS = Duration.ofDays(1).toSeconds();
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final List<String> TRANSIENT = List.of("TransactionConflict", "ThrottlingError");

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int transactionTries;
    private final LongConsumer pause;

    /** A limiter on {@code tableName} (see {@link RateLimitTable#name}) with {@value #DEFAULT_TRANSACTION_TRIES} tries per transaction. */
    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, DEFAULT_TRANSACTION_TRIES);
    }

    /** A limiter on {@code tableName} that tries a colliding transaction up to {@code transactionTries} times (at least 1). */
    public DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName, int transactionTries) {
        this(dynamoDb, tableName, transactionTries, DynamoDbRateLimiter::sleep);
    }

    /** For tests: {@code pause} receives the milliseconds to wait before each retry. */
    DynamoDbRateLimiter(DynamoDbClient dynamoDb, String tableName, int transactionTries, LongConsumer pause) {
        if (transactionTries < 1) {
            throw new IllegalArgumentException("transactionTries must be at least 1, was " + transactionTries);
        }
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.transactionTries = transactionTries;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public RateDecision acquire(String type, String key, RateLimitSpec spec, Instant now) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key (use \"\" for the type's one budget)");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(now, "now");
        if (spec.isUnlimited()) {
            return RateDecision.granted();
        }
        List<String> problems = spec.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("rate limit of job type '" + type + "': " + String.join("; ", problems));
        }
        List<Claim> claims = claims(type, key, spec, now);
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(claims.stream().map(Claim::item).toList())
                .build();
        for (int tries = 1; ; tries++) {
            try {
                dynamoDb.transactWriteItems(request);
                return RateDecision.granted();
            } catch (TransactionCanceledException e) {
                RateDecision refusal = refusal(claims, e);
                if (refusal != null) {
                    return refusal;
                }
                if (tries >= transactionTries || !onlyTransient(e)) {
                    throw e;
                }
                // Full jitter, growing: 1-20 ms, 1-40 ms, ... at most 200 ms. Colliding Lambdas spread out.
                pause.accept(ThreadLocalRandom.current().nextLong(1, Math.min(200, 10L << tries) + 1));
            }
        }
    }

    /** One limit's update, and how to tell when it opens from the item as it was when its condition failed. */
    private record Claim(
            String limit, TransactWriteItem item, Function<Map<String, AttributeValue>, Instant> opensAt) {}

    private List<Claim> claims(String type, String key, RateLimitSpec spec, Instant now) {
        List<Claim> claims = new ArrayList<>();
        for (RateWindow window : RateWindow.values()) {
            int limit = window.limit(spec);
            if (limit == 0) {
                continue;
            }
            Instant end = window.end(now);
            Update update = Update.builder()
                    .tableName(tableName)
                    .key(Map.of(
                            RateLimitTable.PARTITION_KEY, string(window.itemKey(type, key, window.startLabel(now)))))
                    .updateExpression("ADD #count :one SET #expiresAt = :expiresAt")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(
                            Map.of("#count", RateLimitTable.COUNT, "#expiresAt", RateLimitTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":one", number(1),
                            ":limit", number(limit),
                            ":expiresAt", number(end.getEpochSecond() + TTL_GRACE_SECONDS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
            claims.add(new Claim(
                    window.limitName(),
                    TransactWriteItem.builder().update(update).build(),
                    old -> end));
        }
        Duration interval = spec.minInterval();
        if (!interval.isZero()) {
            long nowMillis = now.toEpochMilli();
            Update update = Update.builder()
                    .tableName(tableName)
                    .key(Map.of(RateLimitTable.PARTITION_KEY, string(RateWindow.intervalKey(type, key))))
                    .updateExpression("SET #lastRunAt = :now, #expiresAt = :expiresAt")
                    .conditionExpression("attribute_not_exists(#lastRunAt) OR #lastRunAt <= :threshold")
                    .expressionAttributeNames(
                            Map.of("#lastRunAt", RateLimitTable.LAST_RUN_AT, "#expiresAt", RateLimitTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":now", number(nowMillis),
                            ":threshold", number(nowMillis - interval.toMillis()),
                            ":expiresAt", number(now.plus(interval).getEpochSecond() + TTL_GRACE_SECONDS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
            claims.add(new Claim(
                    "minInterval", TransactWriteItem.builder().update(update).build(), old -> {
                        AttributeValue last = old == null ? null : old.get(RateLimitTable.LAST_RUN_AT);
                        // The condition only fails on an item with lastRunAt; without one (never expected) wait a whole
                        // interval.
                        return last == null
                                ? now.plus(interval)
                                : Instant.ofEpochMilli(Long.parseLong(last.n())).plus(interval);
                    }));
        }
        return claims;
    }

    /**
     * The deferral when at least one limit's condition failed: until the latest moment a failed limit opens.
     * {@code null} when no condition failed (the transaction was cancelled for another reason).
     */
    private static RateDecision refusal(List<Claim> claims, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        Instant until = null;
        String blockedBy = null;
        // DynamoDB gives one reason per item, in request order ("None" for items that were fine).
        for (int i = 0; i < Math.min(reasons.size(), claims.size()); i++) {
            CancellationReason reason = reasons.get(i);
            if (!CONDITION_FAILED.equals(reason.code())) {
                continue;
            }
            Claim claim = claims.get(i);
            Instant opens = claim.opensAt().apply(reason.hasItem() ? reason.item() : null);
            // On a tie the longer limit is named: it is the one an operator would have to raise.
            if (until == null || !opens.isBefore(until)) {
                until = opens;
                blockedBy = claim.limit();
            }
        }
        return until == null ? null : RateDecision.deferredUntil(until, blockedBy);
    }

    private static boolean onlyTransient(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean any = false;
        for (CancellationReason reason : e.cancellationReasons()) {
            if (reason.code() == null || "None".equals(reason.code())) {
                continue;
            }
            if (!TRANSIENT.contains(reason.code())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a rate-limit transaction", e);
        }
    }
}
