package io.sluice.topology;

import java.util.List;
import java.util.Objects;

/**
 * The rate-limit table, {@code <app>-rate-limits}: a partition key {@value #PARTITION_KEY} only, and the TTL
 * attribute {@value #EXPIRES_AT} so old counters go away by themselves. Two kinds of item:
 * <ul>
 *   <li>a window counter per (type, budget key, window, window start), for example
 *       {@code tweet#dao-1#hour#2026-11-23T10} with {@code count}; it expires one day after its window ends;</li>
 *   <li>the last run of a budget, {@code tweet#dao-1#interval} with {@code lastRunAt} (epoch milliseconds); it
 *       expires one day after the interval has passed.</li>
 * </ul>
 * A type without a key field has the budget key {@code ""}: {@code tweet##minute#2026-11-23T10:15}. The key's
 * value may contain {@code #}: the item key stays unambiguous because it is read from the end (the last part is
 * a timestamp or {@code interval}, and type names cannot contain {@code #}).
 */
public final class RateLimitTable {
    /** The partition key attribute (string). */
    public static final String PARTITION_KEY = "pk";
    /** The TTL attribute (epoch seconds). */
    public static final String EXPIRES_AT = "expiresAt";
    /** A window counter's run count (number). */
    public static final String COUNT = "count";
    /** The start of a budget's last run, epoch milliseconds (number). */
    public static final String LAST_RUN_AT = "lastRunAt";

    private RateLimitTable() {}

    /** The table name for an app: {@code sluice-rate-limits} for the default app {@code sluice}. */
    public static String name(String app) {
        Objects.requireNonNull(app, "app");
        return app + "-rate-limits";
    }

    /** The table as sluice-local and the CDK app create it. */
    public static TableSpec spec(String app) {
        return new TableSpec(name(app), PARTITION_KEY, null, List.of(), EXPIRES_AT);
    }
}
