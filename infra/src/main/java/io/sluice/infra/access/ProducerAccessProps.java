package io.sluice.infra.access;

import io.sluice.infra.schedule.Schedules;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What {@link ProducerAccess} grants, and to whom beyond the managed policy. The app, the job queues and the
 * schedules are required; the catalogue schedules and the principals default to none.
 *
 * @param app the policy's name prefix and the schedule group producers may use
 * @param queues the job queues producers send to (not the dead-letter queues)
 * @param schedules the app's schedule group and the producer scheduler role producers pass to Scheduler
 * @param catalogueSchedules names of the schedules the stack owns (job types' {@code @Job(schedule)}), which producers
 *     may read but not create, change or delete, though they share the group with run-time schedules; default none
 * @param principals account ids (12 digits) or role ARNs allowed to send by queue policy; default none
 * @param jobsTable the jobs table, where producers' {@code cancel} writes a cancellation record (conditional
 *     {@code UpdateItem} on job items only); default none, and then producers cannot cancel jobs already in SQS
 */
public record ProducerAccessProps(
        String app,
        List<IQueue> queues,
        Schedules schedules,
        List<String> catalogueSchedules,
        List<String> principals,
        software.amazon.awscdk.services.dynamodb.ITable jobsTable) {
    public ProducerAccessProps {
        Objects.requireNonNull(app, "app is required");
        queues = List.copyOf(Objects.requireNonNull(queues, "queues is required"));
        Objects.requireNonNull(schedules, "schedules is required");
        catalogueSchedules = List.copyOf(catalogueSchedules == null ? List.of() : catalogueSchedules);
        principals = List.copyOf(principals == null ? List.of() : principals);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProducerAccessProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private List<IQueue> queues;
        private Schedules schedules;
        private List<String> catalogueSchedules;
        private List<String> principals;
        private software.amazon.awscdk.services.dynamodb.ITable jobsTable;

        private Builder() {}

        public Builder jobsTable(software.amazon.awscdk.services.dynamodb.ITable value) {
            jobsTable = value;
            return this;
        }

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder queues(List<IQueue> value) {
            queues = value;
            return this;
        }

        public Builder schedules(Schedules value) {
            schedules = value;
            return this;
        }

        public Builder catalogueSchedules(List<String> value) {
            catalogueSchedules = value;
            return this;
        }

        public Builder principals(List<String> value) {
            principals = value;
            return this;
        }

        public ProducerAccessProps build() {
            return new ProducerAccessProps(app, queues, schedules, catalogueSchedules, principals, jobsTable);
        }
    }
}
