package io.sluice.infra.monitoring;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.cloudwatch.IAlarm;

/**
 * What the {@link JobDashboard} shows. The app and the job types are required; the app's own alarms default to none.
 *
 * @param app the dashboard's name
 * @param jobs the job types, in the order their rows appear
 * @param appAlarms alarms that belong to no job type, shown first in the alarm status widget; default none
 */
public record JobDashboardProps(String app, List<JobDashboard.Job> jobs, List<IAlarm> appAlarms) {
    public JobDashboardProps {
        Objects.requireNonNull(app, "app is required");
        jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs is required"));
        appAlarms = List.copyOf(appAlarms == null ? List.of() : appAlarms);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JobDashboardProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private List<JobDashboard.Job> jobs;
        private List<IAlarm> appAlarms;

        private Builder() {}

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder jobs(List<JobDashboard.Job> value) {
            jobs = value;
            return this;
        }

        public Builder appAlarms(List<IAlarm> value) {
            appAlarms = value;
            return this;
        }

        public JobDashboardProps build() {
            return new JobDashboardProps(app, jobs, appAlarms);
        }
    }
}
