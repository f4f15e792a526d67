package io.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.job.Priority;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job catalogue as the client checks calls against it: that a type exists, that it takes the priority asked
 * for, that a payload passes the type's own validation, and which schedule names the catalogue itself declares.
 * Enqueueing and recurring schedules ask the same questions, so they get the same answers and the same messages.
 */
final class JobTypes {
    private final String app;
    private final Catalogue catalogue;
    private final Map<String, PayloadCheck> payloadChecks = new ConcurrentHashMap<>();

    JobTypes(String app, Catalogue catalogue) {
        this.app = app;
        this.catalogue = catalogue;
    }

    /** The definition of {@code type}, or a {@link JobRejectedException} listing the types there are. */
    JobDefinition definition(String type) {
        if (type == null || type.isBlank()) {
            throw new JobRejectedException(
                    "job type is missing; the catalogue has: " + String.join(", ", new TreeSet<>(catalogue.types())));
        }
        return catalogue
                .find(type)
                .orElseThrow(() -> new JobRejectedException("unknown job type '" + type + "'; the catalogue has: "
                        + String.join(", ", new TreeSet<>(catalogue.types()))));
    }

    /** {@code requested} if the type takes it, the type's default for {@code null}, else a {@link JobRejectedException}. */
    Priority priority(JobDefinition definition, Priority requested) {
        if (requested == null) {
            return definition.defaultPriority();
        }
        if (!definition.accepts(requested)) {
            throw new JobRejectedException("job type '" + definition.type() + "' does not take priority "
                    + requested.wireName() + "; it takes "
                    + definition.priorities().stream().map(Priority::wireName).toList());
        }
        return requested;
    }

    /** The payload as the envelope will carry it, checked by the type's validator; see {@link PayloadCheck#check}. */
    JsonNode payload(JobDefinition definition, Object payload) {
        // Created at first use: a producer that enqueues one type never loads the others' payload classes or
        // validators.
        return payloadChecks
                .computeIfAbsent(definition.type(), t -> PayloadCheck.of(definition))
                .check(payload);
    }

    /** Whether {@code scheduleName} is the schedule a type's {@code @Job(schedule = ...)} declares, which the deployment owns. */
    boolean declaresSchedule(String scheduleName) {
        return catalogue.definitions().stream()
                .anyMatch(d -> d.schedule().isScheduled()
                        && ScheduledEnvelope.catalogueScheduleName(app, d).equals(scheduleName));
    }
}
