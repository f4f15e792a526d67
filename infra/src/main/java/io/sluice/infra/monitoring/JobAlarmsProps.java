package io.sluice.infra.monitoring;

import io.sluice.infra.jobs.JobLambda;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.topology.JobTopology;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What the {@link JobAlarms} of one job type watch and whom they tell. All are required but the schedule's
 * dead-letter queue (none by default) and the thresholds (by default {@link AlarmThresholds#defaults} of the type).
 *
 * @param app the resource prefix the alarm names start with
 * @param job the job type
 * @param queues its queues: the oldest-message alarm watches the job queues, the dead-letter alarm their DLQs
 * @param lambda its function, whose failed invocations count in the error rate
 * @param scheduleDeadLetters the dead-letter queue of the type's catalogue schedule, counted in its dead-letter alarm;
 *     default none (the type has no schedule)
 * @param thresholds when the alarms fire; default {@link AlarmThresholds#defaults(JobTopology)}
 * @param alarmTopic notified when an alarm fires and when it clears
 */
public record JobAlarmsProps(
        String app,
        JobTopology job,
        JobQueues queues,
        JobLambda lambda,
        Optional<IQueue> scheduleDeadLetters,
        AlarmThresholds thresholds,
        ITopic alarmTopic) {
    public JobAlarmsProps {
        Objects.requireNonNull(app, "app is required");
        Objects.requireNonNull(job, "job is required");
        Objects.requireNonNull(queues, "queues is required");
        Objects.requireNonNull(lambda, "lambda is required");
        Objects.requireNonNull(alarmTopic, "alarmTopic is required");
        scheduleDeadLetters = scheduleDeadLetters == null ? Optional.empty() : scheduleDeadLetters;
        thresholds = thresholds == null ? AlarmThresholds.defaults(job) : thresholds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JobAlarmsProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private JobTopology job;
        private JobQueues queues;
        private JobLambda lambda;
        private IQueue scheduleDeadLetters;
        private AlarmThresholds thresholds;
        private ITopic alarmTopic;

        private Builder() {}

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder job(JobTopology value) {
            job = value;
            return this;
        }

        public Builder queues(JobQueues value) {
            queues = value;
            return this;
        }

        public Builder lambda(JobLambda value) {
            lambda = value;
            return this;
        }

        /** @param value the schedule's dead-letter queue, or {@code null} for none */
        public Builder scheduleDeadLetters(IQueue value) {
            scheduleDeadLetters = value;
            return this;
        }

        public Builder thresholds(AlarmThresholds value) {
            thresholds = value;
            return this;
        }

        public Builder alarmTopic(ITopic value) {
            alarmTopic = value;
            return this;
        }

        public JobAlarmsProps build() {
            return new JobAlarmsProps(
                    app, job, queues, lambda, Optional.ofNullable(scheduleDeadLetters), thresholds, alarmTopic);
        }
    }
}
