package io.sluice.job;

import java.util.Map;
import java.util.Optional;

/**
 * Configuration a handler reads at construction: on Lambda the function's environment variables, in
 * sluice-local and tests a map. Keys are environment-variable style ({@code SLUICE_WEBHOOK_SECRET}).
 */
@FunctionalInterface
public interface JobConfig {

    /** The value of a key, if set and not blank. */
    Optional<String> get(String key);

    /** The value of a key, or a default. */
    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** The process environment, as Lambda provides it. */
    static JobConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    /** A fixed map, for sluice-local and tests. */
    static JobConfig fromMap(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
    }
}
