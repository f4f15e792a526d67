package io.sluice.catalogue;

import io.sluice.job.Jitter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Per-environment changes to a job type's catalogue settings, so operators tune limits without a code
 * change. The same keys are accepted from every source: {@code maxAttempts}, {@code backoff.initial},
 * {@code backoff.multiplier}, {@code backoff.max}, {@code backoff.jitter}, {@code timeout},
 * {@code memoryMb}, {@code concurrency}, {@code batchSize}, {@code maxBatchingWindow}, {@code parallelism},
 * {@code rateLimit.perMinute}, {@code rateLimit.perHour}, {@code rateLimit.perDay}, {@code rateLimit.minInterval},
 * {@code rateLimit.key}. On Lambda they arrive as environment variables ({@code SLUICE_MAX_ATTEMPTS},
 * {@code SLUICE_BACKOFF_INITIAL}, {@code SLUICE_RATE_LIMIT_PER_HOUR}, ...); in sluice-local as
 * {@code --set webhook.backoff.initial=PT0.2S}; in the CDK app from context.
 * An unknown key or a malformed value is an error naming both; the overridden definition is then
 * checked with {@link JobDefinition#problems()} like the original.
 */
public record JobOverrides(Map<String, String> values) {
    private static final Map<String, BiFunction<JobDefinition, String, JobDefinition>> SETTERS = setters();

    public JobOverrides {
        values = Map.copyOf(new TreeMap<>(values));
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (!SETTERS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown override " + e.getKey() + "='" + e.getValue() + "'; known: "
                        + String.join(", ", SETTERS.keySet()));
            }
        }
    }

    /** No overrides. */
    public static final JobOverrides NONE = new JobOverrides(Map.of());

    /** The keys that may be overridden. */
    public static List<String> keys() {
        return List.copyOf(SETTERS.keySet());
    }

    /** Reads {@code SLUICE_<KEY>} variables, for example {@code SLUICE_BACKOFF_INITIAL} for {@code backoff.initial}. */
    public static JobOverrides fromEnvironment(Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String key : SETTERS.keySet()) {
            String value = environment.get(environmentName(key));
            if (value != null && !value.isBlank()) {
                found.put(key, value.trim());
            }
        }
        return new JobOverrides(found);
    }

    /** The environment variable that carries a key: {@code backoff.initial} becomes {@code SLUICE_BACKOFF_INITIAL}. */
    public static String environmentName(String key) {
        return io.sluice.topology.SluiceEnvironment.OVERRIDE_PREFIX
                + key.replace(".", "_").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * Applies these overrides and validates the result. The backoff keys are applied together, as one
     * {@link RetryPolicy}: its rules relate its parts ({@code backoff.max >= backoff.initial}), so applying
     * them one by one would refuse a valid combination such as {@code backoff.initial=PT2H} with
     * {@code backoff.max=PT3H} whenever the intermediate step broke the rule.
     */
    public JobDefinition applyTo(JobDefinition definition) {
        JobDefinition result = definition;
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (!e.getKey().startsWith("backoff.")) {
                result = apply(definition, e.getKey(), e.getValue(), result, SETTERS.get(e.getKey()));
            }
        }
        return applyBackoff(definition, result).validated();
    }

    private JobDefinition applyBackoff(JobDefinition definition, JobDefinition result) {
        RetryPolicy b = result.backoff();
        Duration initial = b.initial();
        double multiplier = b.multiplier();
        Duration max = b.max();
        Jitter jitter = b.jitter();
        StringBuilder named = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            if (!key.startsWith("backoff.")) {
                continue;
            }
            named.append(named.length() == 0 ? "" : ", ")
                    .append(key)
                    .append("='")
                    .append(v)
                    .append('\'');
            switch (key) {
                case "backoff.initial" -> initial = apply(definition, key, v, null, (d, text) -> Duration.parse(text));
                case "backoff.multiplier" ->
                    multiplier = apply(definition, key, v, null, (d, text) -> Double.parseDouble(text));
                case "backoff.max" -> max = apply(definition, key, v, null, (d, text) -> Duration.parse(text));
                case "backoff.jitter" -> jitter = apply(definition, key, v, null, (d, text) -> jitter(text));
                default -> throw new IllegalStateException("no backoff setting " + key);
            }
        }
        if (named.length() == 0) {
            return result;
        }
        try {
            return withBackoff(result, new RetryPolicy(initial, multiplier, max, jitter));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "override " + named + " for job type '" + definition.type() + "': " + ex.getMessage(), ex);
        }
    }

    private static <T> T apply(
            JobDefinition definition,
            String key,
            String value,
            JobDefinition current,
            BiFunction<JobDefinition, String, T> setter) {
        try {
            return setter.apply(current, value);
        } catch (NumberFormatException | DateTimeParseException ex) {
            throw new IllegalArgumentException(
                    "override " + key + "='" + value + "' for job type '" + definition.type() + "' is not a valid "
                            + kindOf(key),
                    ex);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "override " + key + "='" + value + "' for job type '" + definition.type() + "': " + ex.getMessage(),
                    ex);
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static String kindOf(String key) {
        return switch (key) {
            case "backoff.initial", "backoff.max", "timeout", "maxBatchingWindow", "rateLimit.minInterval" ->
                "ISO-8601 duration such as PT30S";
            case "backoff.multiplier" -> "decimal number such as 2.0";
            default -> "whole number";
        };
    }

    private static Map<String, BiFunction<JobDefinition, String, JobDefinition>> setters() {
        Map<String, BiFunction<JobDefinition, String, JobDefinition>> s = new TreeMap<>();
        s.put(
                "maxAttempts",
                (d, v) -> copy(
                        d,
                        Integer.parseInt(v),
                        d.backoff(),
                        d.timeout(),
                        d.memoryMb(),
                        d.concurrency(),
                        d.batchSize(),
                        d.maxBatchingWindow(),
                        d.parallelism()));
        s.put(
                "backoff.initial",
                (d, v) -> withBackoff(
                        d,
                        new RetryPolicy(
                                Duration.parse(v),
                                d.backoff().multiplier(),
                                d.backoff().max(),
                                d.backoff().jitter())));
        s.put(
                "backoff.multiplier",
                (d, v) -> withBackoff(
                        d,
                        new RetryPolicy(
                                d.backoff().initial(),
                                Double.parseDouble(v),
                                d.backoff().max(),
                                d.backoff().jitter())));
        s.put(
                "backoff.max",
                (d, v) -> withBackoff(
                        d,
                        new RetryPolicy(
                                d.backoff().initial(),
                                d.backoff().multiplier(),
                                Duration.parse(v),
                                d.backoff().jitter())));
        s.put(
                "backoff.jitter",
                (d, v) -> withBackoff(
                        d,
                        new RetryPolicy(
                                d.backoff().initial(),
                                d.backoff().multiplier(),
                                d.backoff().max(),
                                jitter(v))));
        s.put(
                "timeout",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        Duration.parse(v),
                        d.memoryMb(),
                        d.concurrency(),
                        d.batchSize(),
                        d.maxBatchingWindow(),
                        d.parallelism()));
        s.put(
                "memoryMb",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        d.timeout(),
                        Integer.parseInt(v),
                        d.concurrency(),
                        d.batchSize(),
                        d.maxBatchingWindow(),
                        d.parallelism()));
        s.put(
                "concurrency",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        d.timeout(),
                        d.memoryMb(),
                        Integer.parseInt(v),
                        d.batchSize(),
                        d.maxBatchingWindow(),
                        d.parallelism()));
        s.put(
                "batchSize",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        d.timeout(),
                        d.memoryMb(),
                        d.concurrency(),
                        Integer.parseInt(v),
                        d.maxBatchingWindow(),
                        d.parallelism()));
        s.put(
                "maxBatchingWindow",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        d.timeout(),
                        d.memoryMb(),
                        d.concurrency(),
                        d.batchSize(),
                        Duration.parse(v),
                        d.parallelism()));
        s.put(
                "parallelism",
                (d, v) -> copy(
                        d,
                        d.maxAttempts(),
                        d.backoff(),
                        d.timeout(),
                        d.memoryMb(),
                        d.concurrency(),
                        d.batchSize(),
                        d.maxBatchingWindow(),
                        Integer.parseInt(v)));
        // The rate-limit settings have no rule relating them (only ranges), so they apply one by one.
        s.put(
                "rateLimit.perMinute",
                (d, v) -> withRateLimit(
                        d,
                        new RateLimitSpec(
                                Integer.parseInt(v),
                                d.rateLimit().perHour(),
                                d.rateLimit().perDay(),
                                d.rateLimit().minInterval(),
                                d.rateLimit().key())));
        s.put(
                "rateLimit.perHour",
                (d, v) -> withRateLimit(
                        d,
                        new RateLimitSpec(
                                d.rateLimit().perMinute(),
                                Integer.parseInt(v),
                                d.rateLimit().perDay(),
                                d.rateLimit().minInterval(),
                                d.rateLimit().key())));
        s.put(
                "rateLimit.perDay",
                (d, v) -> withRateLimit(
                        d,
                        new RateLimitSpec(
                                d.rateLimit().perMinute(),
                                d.rateLimit().perHour(),
                                Integer.parseInt(v),
                                d.rateLimit().minInterval(),
                                d.rateLimit().key())));
        s.put(
                "rateLimit.minInterval",
                (d, v) -> withRateLimit(
                        d,
                        new RateLimitSpec(
                                d.rateLimit().perMinute(),
                                d.rateLimit().perHour(),
                                d.rateLimit().perDay(),
                                Duration.parse(v),
                                d.rateLimit().key())));
        // An empty value (possible from a map or the command line, not from the environment) removes the key.
        s.put("rateLimit.key", (d, v) -> withRateLimit(d, d.rateLimit().withKey(v)));
        return s;
    }

    private static Jitter jitter(String value) {
        try {
            return Jitter.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be FULL or NONE");
        }
    }

    private static JobDefinition withBackoff(JobDefinition d, RetryPolicy backoff) {
        return copy(
                d,
                d.maxAttempts(),
                backoff,
                d.timeout(),
                d.memoryMb(),
                d.concurrency(),
                d.batchSize(),
                d.maxBatchingWindow(),
                d.parallelism());
    }

    private static JobDefinition withRateLimit(JobDefinition d, RateLimitSpec rateLimit) {
        return new JobDefinition(
                d.type(),
                d.handlerClass(),
                d.payloadClass(),
                d.priorities(),
                d.maxAttempts(),
                d.backoff(),
                d.timeout(),
                d.memoryMb(),
                d.concurrency(),
                d.batchSize(),
                d.maxBatchingWindow(),
                d.fifo(),
                d.description(),
                d.parallelism(),
                rateLimit,
                d.schedule(),
                d.validatorClass());
    }

    private static JobDefinition copy(
            JobDefinition d,
            int maxAttempts,
            RetryPolicy backoff,
            Duration timeout,
            int memoryMb,
            int concurrency,
            int batchSize,
            Duration window,
            int parallelism) {
        return new JobDefinition(
                d.type(),
                d.handlerClass(),
                d.payloadClass(),
                d.priorities(),
                maxAttempts,
                backoff,
                timeout,
                memoryMb,
                concurrency,
                batchSize,
                window,
                d.fifo(),
                d.description(),
                parallelism,
                d.rateLimit(),
                d.schedule(),
                d.validatorClass());
    }
}
