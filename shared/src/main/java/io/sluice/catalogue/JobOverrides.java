package io.sluice.catalogue;

import io.sluice.job.Jitter;
import io.sluice.runtime.RetryPolicy;
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
 * {@code memoryMb}, {@code concurrency}, {@code batchSize}, {@code maxBatchingWindow}, {@code parallelism}.
 * On Lambda they arrive as environment variables ({@code SLUICE_MAX_ATTEMPTS}, {@code SLUICE_BACKOFF_INITIAL},
 * ...); in sluice-local as {@code --set webhook.backoff.initial=PT0.2S}; in the CDK app from context.
 * An unknown key or a malformed value is an error naming both; the overridden definition is then
 * checked with {@link JobDefinition#problems()} like the original.
 */
public record JobOverrides(Map<String, String> values) {
    private static final Map<String, BiFunction<JobDefinition, String, JobDefinition>> SETTERS = setters();

    public JobOverrides {
        values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!SETTERS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown override '" + e.getKey() + "'; known: " + String.join(", ", SETTERS.keySet()));
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
        return "SLUICE_" + key.replace(".", "_").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Applies these overrides and validates the result. */
    public JobDefinition applyTo(JobDefinition definition) {
        // The backoff keys are applied together, so that raising initial and max at once is not refused
        // half-way through for an initial above the old max.
        JobDefinition result = definition;
        RetryPolicy b = definition.backoff();
        try {
            result = withBackoff(result, new RetryPolicy(
                    parse("backoff.initial", Duration::parse, b.initial()),
                    parse("backoff.multiplier", Double::parseDouble, b.multiplier()),
                    parse("backoff.max", Duration::parse, b.max()),
                    parse("backoff.jitter", JobOverrides::jitter, b.jitter())));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("backoff overrides " + backoffValues() + " for job type '" + definition.type() + "': "
                    + ex.getMessage(), ex);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith("backoff.")) {
                continue;
            }
            try {
                result = SETTERS.get(e.getKey()).apply(result, e.getValue());
            } catch (NumberFormatException | DateTimeParseException ex) {
                throw new IllegalArgumentException("override " + e.getKey() + "='" + e.getValue() + "' for job type '"
                        + definition.type() + "' is not a valid " + kindOf(e.getKey()), ex);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("override " + e.getKey() + "='" + e.getValue() + "' for job type '"
                        + definition.type() + "': " + ex.getMessage(), ex);
            }
        }
        return result.validated();
    }

    private <T> T parse(String key, java.util.function.Function<String, T> parser, T current) {
        String value = values.get(key);
        if (value == null) {
            return current;
        }
        try {
            return parser.apply(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + "='" + value + "' is not a valid " + kindOf(key));
        }
    }

    private Map<String, String> backoffValues() {
        Map<String, String> backoff = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("backoff.")) {
                backoff.put(k, v);
            }
        });
        return backoff;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static String kindOf(String key) {
        return switch (key) {
            case "backoff.initial", "backoff.max", "timeout", "maxBatchingWindow" -> "ISO-8601 duration such as PT30S";
            case "backoff.multiplier" -> "decimal number such as 2.0";
            default -> "whole number";
        };
    }

    private static Map<String, BiFunction<JobDefinition, String, JobDefinition>> setters() {
        Map<String, BiFunction<JobDefinition, String, JobDefinition>> s = new TreeMap<>();
        s.put("maxAttempts", (d, v) -> copy(d, Integer.parseInt(v), d.backoff(), d.timeout(), d.memoryMb(), d.concurrency(), d.batchSize(), d.maxBatchingWindow(), d.parallelism()));
        // Applied together in applyTo; listed here so they are known keys.
        s.put("backoff.initial", (d, v) -> d);
        s.put("backoff.multiplier", (d, v) -> d);
        s.put("backoff.max", (d, v) -> d);
        s.put("backoff.jitter", (d, v) -> d);
        s.put("timeout", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), Duration.parse(v), d.memoryMb(), d.concurrency(), d.batchSize(), d.maxBatchingWindow(), d.parallelism()));
        s.put("memoryMb", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), d.timeout(), Integer.parseInt(v), d.concurrency(), d.batchSize(), d.maxBatchingWindow(), d.parallelism()));
        s.put("concurrency", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), d.timeout(), d.memoryMb(), Integer.parseInt(v), d.batchSize(), d.maxBatchingWindow(), d.parallelism()));
        s.put("batchSize", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), d.timeout(), d.memoryMb(), d.concurrency(), Integer.parseInt(v), d.maxBatchingWindow(), d.parallelism()));
        s.put("maxBatchingWindow", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), d.timeout(), d.memoryMb(), d.concurrency(), d.batchSize(), Duration.parse(v), d.parallelism()));
        s.put("parallelism", (d, v) -> copy(d, d.maxAttempts(), d.backoff(), d.timeout(), d.memoryMb(), d.concurrency(), d.batchSize(), d.maxBatchingWindow(), Integer.parseInt(v)));
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
        return copy(d, d.maxAttempts(), backoff, d.timeout(), d.memoryMb(), d.concurrency(), d.batchSize(), d.maxBatchingWindow(), d.parallelism());
    }

    private static JobDefinition copy(JobDefinition d, int maxAttempts, RetryPolicy backoff, Duration timeout, int memoryMb,
                                      int concurrency, int batchSize, Duration window, int parallelism) {
        return new JobDefinition(d.type(), d.handlerClass(), d.payloadClass(), d.priorities(), maxAttempts, backoff, timeout,
                memoryMb, concurrency, batchSize, window, d.fifo(), d.description(), parallelism);
    }
}
