package io.sluice.catalogue;

import io.sluice.job.Jitter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

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
    /** The settings applied one at a time; each has only a range of its own, which the definition checks. */
    private static final Map<String, BiFunction<JobDefinition, String, JobDefinition>> SETTINGS = settings();
    /** The settings of the one {@link RetryPolicy}, applied together (see {@link #applyTo}). */
    private static final List<String> BACKOFF =
            List.of("backoff.initial", "backoff.multiplier", "backoff.max", "backoff.jitter");

    private static final List<String> KEYS = keysInOrder();

    public JobOverrides {
        values = Map.copyOf(new TreeMap<>(values));
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown override " + e.getKey() + "='" + e.getValue() + "'; known: "
                        + String.join(", ", KEYS));
            }
        }
    }

    /** No overrides. */
    public static final JobOverrides NONE = new JobOverrides(Map.of());

    /** The keys that may be overridden. */
    public static List<String> keys() {
        return KEYS;
    }

    /** Reads {@code SLUICE_<KEY>} variables, for example {@code SLUICE_BACKOFF_INITIAL} for {@code backoff.initial}. */
    public static JobOverrides fromEnvironment(Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String key : KEYS) {
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
            BiFunction<JobDefinition, String, JobDefinition> setting = SETTINGS.get(e.getKey());
            if (setting != null) {
                JobDefinition current = result;
                result = parsed(definition, e.getKey(), e.getValue(), v -> setting.apply(current, v));
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
            if (!BACKOFF.contains(key)) {
                continue;
            }
            named.append(named.length() == 0 ? "" : ", ")
                    .append(key)
                    .append("='")
                    .append(v)
                    .append('\'');
            switch (key) {
                case "backoff.initial" -> initial = parsed(definition, key, v, text -> DurationParser.parse(key, text));
                case "backoff.multiplier" -> multiplier = parsed(definition, key, v, Double::parseDouble);
                case "backoff.max" -> max = parsed(definition, key, v, text -> DurationParser.parse(key, text));
                case "backoff.jitter" -> jitter = parsed(definition, key, v, JobOverrides::jitter);
                default -> throw new IllegalStateException("no backoff setting " + key);
            }
        }
        if (named.length() == 0) {
            return result;
        }
        try {
            return result.toBuilder()
                    .backoff(new RetryPolicy(initial, multiplier, max, jitter))
                    .build();
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "override " + named + " for job type '" + definition.type() + "': " + ex.getMessage(), ex);
        }
    }

    /** {@code parse} applied to the value of {@code key}, its failure an error naming the key, value and type. */
    private static <T> T parsed(JobDefinition definition, String key, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException | DurationParser.InvalidDuration ex) {
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

    private static Map<String, BiFunction<JobDefinition, String, JobDefinition>> settings() {
        Map<String, BiFunction<JobDefinition, String, JobDefinition>> s = new TreeMap<>();
        s.put(
                "maxAttempts",
                (d, v) -> d.toBuilder().maxAttempts(Integer.parseInt(v)).build());
        s.put(
                "timeout",
                (d, v) -> d.toBuilder()
                        .timeout(DurationParser.parse("timeout", v))
                        .build());
        s.put("memoryMb", (d, v) -> d.toBuilder().memoryMb(Integer.parseInt(v)).build());
        s.put(
                "concurrency",
                (d, v) -> d.toBuilder().concurrency(Integer.parseInt(v)).build());
        s.put(
                "batchSize",
                (d, v) -> d.toBuilder().batchSize(Integer.parseInt(v)).build());
        s.put(
                "maxBatchingWindow",
                (d, v) -> d.toBuilder()
                        .maxBatchingWindow(DurationParser.parse("maxBatchingWindow", v))
                        .build());
        s.put(
                "parallelism",
                (d, v) -> d.toBuilder().parallelism(Integer.parseInt(v)).build());
        // The rate-limit settings have no rule relating them (only ranges), so they apply one by one.
        s.put(
                "rateLimit.perMinute",
                rateLimit((r, v) ->
                        new RateLimitSpec(Integer.parseInt(v), r.perHour(), r.perDay(), r.minInterval(), r.key())));
        s.put(
                "rateLimit.perHour",
                rateLimit((r, v) ->
                        new RateLimitSpec(r.perMinute(), Integer.parseInt(v), r.perDay(), r.minInterval(), r.key())));
        s.put(
                "rateLimit.perDay",
                rateLimit((r, v) ->
                        new RateLimitSpec(r.perMinute(), r.perHour(), Integer.parseInt(v), r.minInterval(), r.key())));
        s.put(
                "rateLimit.minInterval",
                rateLimit((r, v) -> new RateLimitSpec(
                        r.perMinute(),
                        r.perHour(),
                        r.perDay(),
                        DurationParser.parse("rateLimit.minInterval", v),
                        r.key())));
        // An empty value (possible from a map or the command line, not from the environment) removes the key.
        s.put("rateLimit.key", rateLimit(RateLimitSpec::withKey));
        return s;
    }

    private static BiFunction<JobDefinition, String, JobDefinition> rateLimit(
            BiFunction<RateLimitSpec, String, RateLimitSpec> change) {
        return (d, v) -> d.toBuilder().rateLimit(change.apply(d.rateLimit(), v)).build();
    }

    private static List<String> keysInOrder() {
        TreeSet<String> keys = new TreeSet<>(SETTINGS.keySet());
        keys.addAll(BACKOFF);
        return List.copyOf(keys);
    }

    private static Jitter jitter(String value) {
        try {
            return Jitter.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be FULL or NONE");
        }
    }
}
