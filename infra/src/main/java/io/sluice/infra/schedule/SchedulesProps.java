package io.sluice.infra.schedule;

import java.util.Objects;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What {@link Schedules} are built from. The app and the alarm topic are required; {@code retain} defaults to true.
 *
 * @param app the schedule group's name, and the prefix of the schedules and their dead-letter queues
 * @param retain keep the group when the stack is deleted: it holds the producers' pending one-time schedules; default true
 * @param alarmTopic notified when a run-time schedule's firing lands in {@code <app>-schedules-dlq}
 */
public record SchedulesProps(String app, boolean retain, ITopic alarmTopic) {
    public SchedulesProps {
        Objects.requireNonNull(app, "app is required");
        Objects.requireNonNull(alarmTopic, "alarmTopic is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SchedulesProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private boolean retain = true;
        private ITopic alarmTopic;

        private Builder() {}

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder retain(boolean value) {
            retain = value;
            return this;
        }

        public Builder alarmTopic(ITopic value) {
            alarmTopic = value;
            return this;
        }

        public SchedulesProps build() {
            return new SchedulesProps(app, retain, alarmTopic);
        }
    }
}
