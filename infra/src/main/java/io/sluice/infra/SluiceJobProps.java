package io.sluice.infra;

import io.sluice.infra.jobs.RuntimeTables;
import io.sluice.infra.schedule.Schedules;
import io.sluice.topology.JobTopology;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What a {@link SluiceJob} is built from: the type as the topology derived it, and the app's shared resources it
 * uses. All are required but the settings, which default to {@link JobSettings#NONE}. {@link Sluice} builds these
 * for every type of its catalogue.
 *
 * @param app the resource prefix of the app the topology was derived for
 * @param job the job type, derived from the catalogue entry after the settings' overrides (so the two agree)
 * @param code the shaded {@code functions} jar
 * @param tables the job history and rate-limit tables
 * @param alarmTopic the topic the type's alarms notify
 * @param schedules the app's schedule group, in which the type's catalogue schedule is made, and whose producer
 *     scheduler role may send to the type's queues
 * @param settings how the type runs in this environment; default {@link JobSettings#NONE}
 */
public record SluiceJobProps(
        String app,
        JobTopology job,
        Code code,
        RuntimeTables tables,
        ITopic alarmTopic,
        Schedules schedules,
        JobSettings settings) {
    public SluiceJobProps {
        Objects.requireNonNull(app, "app is required");
        Objects.requireNonNull(job, "job is required");
        Objects.requireNonNull(code, "code is required");
        Objects.requireNonNull(tables, "tables is required");
        Objects.requireNonNull(alarmTopic, "alarmTopic is required");
        Objects.requireNonNull(schedules, "schedules is required");
        settings = settings == null ? JobSettings.NONE : settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SluiceJobProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private JobTopology job;
        private Code code;
        private RuntimeTables tables;
        private ITopic alarmTopic;
        private Schedules schedules;
        private JobSettings settings;

        private Builder() {}

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder job(JobTopology value) {
            job = value;
            return this;
        }

        public Builder code(Code value) {
            code = value;
            return this;
        }

        public Builder tables(RuntimeTables value) {
            tables = value;
            return this;
        }

        public Builder alarmTopic(ITopic value) {
            alarmTopic = value;
            return this;
        }

        public Builder schedules(Schedules value) {
            schedules = value;
            return this;
        }

        public Builder settings(JobSettings value) {
            settings = value;
            return this;
        }

        public SluiceJobProps build() {
            return new SluiceJobProps(app, job, code, tables, alarmTopic, schedules, settings);
        }
    }
}
