package io.sluice.infra;

import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.jobs.ExtraGrant;
import io.sluice.infra.jobs.FunctionAccess;
import io.sluice.infra.monitoring.AlarmSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one job type runs in one environment, beyond what its catalogue entry says: catalogue values to change, the
 * handler's own settings, alarm thresholds, and what else its function may read or do. Given per type
 * ({@link SluiceProps.Builder#job}) or for every type ({@link SluiceProps.Builder#jobDefaults}); the two are merged
 * by {@link #withDefaults}: a type's own override, variable or threshold wins over the one for every type, and
 * secrets and grants add up. Every component defaults to none.
 *
 * @param overrides catalogue values to change ({@link JobOverrides#keys()}: {@code maxAttempts}, {@code backoff.*},
 *     {@code timeout}, {@code memoryMb}, {@code concurrency}, {@code batchSize}, {@code maxBatchingWindow},
 *     {@code parallelism}, {@code rateLimit.*}); the queues, mappings and function are derived from the changed
 *     entry, and the function gets the same values as {@code SLUICE_*} variables so the runtime agrees; default none
 * @param environment the handler's own settings as environment variables, such as {@code SLUICE_WEBHOOK_ALLOW_HOSTS}:
 *     not a catalogue value (give those as overrides), nor a variable Sluice sets, nor one Lambda reserves (see
 *     {@link io.sluice.infra.jobs.FunctionEnvironment}); a secret belongs in a CloudFormation dynamic reference, not
 *     in clear; default none
 * @param alarms changes to the type's alarm thresholds; default {@link AlarmSettings#NONE}
 * @param access the secrets the function may read and further permissions it needs, handed as they are to its
 *     {@link io.sluice.infra.jobs.JobLambda}; given to the builder as {@link Builder#secrets} and
 *     {@link Builder#grants}; default {@link FunctionAccess#NONE}
 */
public record JobSettings(
        JobOverrides overrides, Map<String, String> environment, AlarmSettings alarms, FunctionAccess access) {
    /** No settings: the catalogue entry as it is, default thresholds, no secrets, no further grants. */
    public static final JobSettings NONE = builder().build();

    public JobSettings {
        overrides = overrides == null ? JobOverrides.NONE : overrides;
        // Not Map.copyOf: a variable without a value is reported by FunctionEnvironment, naming it and its type.
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment == null ? Map.of() : environment));
        alarms = alarms == null ? AlarmSettings.NONE : alarms;
        access = access == null ? FunctionAccess.NONE : access;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** These settings over {@code defaults}: this type's overrides, variables and thresholds win; secrets and grants add up. */
    public JobSettings withDefaults(JobSettings defaults) {
        Map<String, String> overridden =
                new LinkedHashMap<>(defaults.overrides().values());
        overridden.putAll(overrides.values());
        Map<String, String> variables = new LinkedHashMap<>(defaults.environment());
        variables.putAll(environment);
        return new JobSettings(
                overridden.isEmpty() ? JobOverrides.NONE : new JobOverrides(overridden),
                variables,
                alarms.orElse(defaults.alarms()),
                defaults.access().plus(access));
    }

    /** Secrets Manager secret names or ARNs the function may read ({@code GetSecretValue}); a name matches exactly that secret. */
    public List<String> secrets() {
        return access.secrets();
    }

    /** Further permissions the handler needs (SES for {@code email}), specific actions and ARNs only. */
    public List<ExtraGrant> grants() {
        return access.grants();
    }

    /** Builds {@link JobSettings}; the defaults are those of the record's components. */
    public static final class Builder {
        private JobOverrides overrides;
        private Map<String, String> environment;
        private AlarmSettings alarms;
        private List<String> secrets;
        private List<ExtraGrant> grants;

        private Builder() {}

        public Builder overrides(JobOverrides value) {
            overrides = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public Builder alarms(AlarmSettings value) {
            alarms = value;
            return this;
        }

        public Builder secrets(List<String> value) {
            secrets = value;
            return this;
        }

        public Builder grants(List<ExtraGrant> value) {
            grants = value;
            return this;
        }

        public JobSettings build() {
            return new JobSettings(overrides, environment, alarms, new FunctionAccess(secrets, grants));
        }
    }
}
