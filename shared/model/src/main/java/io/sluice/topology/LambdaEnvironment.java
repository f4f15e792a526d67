package io.sluice.topology;

import io.sluice.catalogue.JobOverrides;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link SluiceEnvironment} variables of one job type's function, the part of its environment Sluice itself
 * sets: {@code SLUICE_JOB_TYPE}, {@code SLUICE_APP}, the table names of the app, and each catalogue override as its
 * {@code SLUICE_<KEY>} variable. The CDK app's {@code FunctionEnvironment} and sluice-local both start from it, so a
 * function on Lambda and on a laptop finds its type and its tables under the same names; each adds its handler
 * settings, which may never carry a catalogue setting ({@link #catalogueSetting}): that would change the function
 * without the queues and mappings derived from the catalogue.
 *
 * @param app the app name, the prefix of every resource
 * @param type the job type the function runs
 * @param overrides the catalogue overrides the function applies at init; {@link JobOverrides#NONE} where its catalogue
 *     already has them (sluice-local applies {@code --set} once, to the catalogue its queues and functions share)
 */
public record LambdaEnvironment(String app, String type, JobOverrides overrides) {
    public LambdaEnvironment {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(overrides, "overrides");
    }

    /** A type's environment without overrides. */
    public static LambdaEnvironment of(String app, String type) {
        return new LambdaEnvironment(app, type, JobOverrides.NONE);
    }

    /** The variables, by name. */
    public Map<String, String> variables() {
        Map<String, String> env = new TreeMap<>();
        env.put(SluiceEnvironment.JOB_TYPE, type);
        env.put(SluiceEnvironment.APP, app);
        env.put(SluiceEnvironment.JOBS_TABLE, JobsTable.name(app));
        env.put(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(app));
        overrides.values().forEach((key, value) -> env.put(JobOverrides.environmentName(key), value));
        return Map.copyOf(env);
    }

    /**
     * The catalogue setting an environment variable carries, if it carries one: {@code maxAttempts} for
     * {@code SLUICE_MAX_ATTEMPTS}.
     */
    public static Optional<String> catalogueSetting(String variable) {
        return JobOverrides.keys().stream()
                .filter(key -> JobOverrides.environmentName(key).equals(variable))
                .findFirst();
    }
}
