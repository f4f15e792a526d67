package io.sluice.topology;

import io.sluice.catalogue.JobDefinition;
import io.sluice.job.Priority;
import java.util.List;

/** Everything deployed for one job type: its function and one queue (with DLQ and mapping) per priority. */
public record JobTopology(JobDefinition definition, FunctionSpec function, List<QueueSpec> queues) {
    public JobTopology {
        queues = List.copyOf(queues);
    }

    public String type() {
        return definition.type();
    }

    /** The queue of a priority, or an error naming the priorities the type has. */
    public QueueSpec queue(Priority priority) {
        return queues.stream()
                .filter(q -> q.priority() == priority)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job type '" + type() + "' has no "
                        + priority.wireName() + " queue; its priorities are " + definition.priorities()));
    }
}
