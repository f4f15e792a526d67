package io.sluice.local;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --set} overrides split by job type: {@code webhook.backoff.initial=PT1S} becomes {@code backoff.initial}
 * of type {@code webhook}. A type's keys and values are checked when they become its {@link JobOverrides}, so only
 * the types that run need valid ones.
 */
record TypeOverrides(Map<String, Map<String, String>> byType) {
    TypeOverrides {
        Map<String, Map<String, String>> copy = new HashMap<>();
        byType.forEach((type, values) -> copy.put(type, Map.copyOf(values)));
        byType = Map.copyOf(copy);
    }

    /**
     * Splits {@code <type>.<key>} entries.
     *
     * @throws IllegalArgumentException if a key names no type or the type is not in {@code catalogue}
     */
    static TypeOverrides parse(Map<String, String> overrides, Catalogue catalogue) {
        Map<String, Map<String, String>> byType = new HashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 1) {
                throw new IllegalArgumentException(
                        "override '" + e.getKey() + "' must be <type>.<key>, for example webhook.maxAttempts");
            }
            String type = e.getKey().substring(0, dot);
            catalogue.require(type);
            byType.computeIfAbsent(type, t -> new HashMap<>()).put(e.getKey().substring(dot + 1), e.getValue());
        }
        return new TypeOverrides(byType);
    }

    /**
     * The overrides of one type.
     *
     * @throws IllegalArgumentException if one is unknown or malformed
     */
    JobOverrides of(String type) {
        return new JobOverrides(byType.getOrDefault(type, Map.of()));
    }
}
