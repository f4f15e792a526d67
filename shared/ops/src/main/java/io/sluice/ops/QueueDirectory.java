package io.sluice.ops;

import io.sluice.job.Priority;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import io.sluice.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queues of the topology (derived from the catalogue, as the stack and sluice-local create them), resolved to
 * URLs and ARNs once and kept: they never change while a process runs. Unknown types and priorities are refused
 * with the names there are; a queue the topology has but SQS does not is {@code UNAVAILABLE} (stack not deployed,
 * sluice-local not up, or another app name).
 */
final class QueueDirectory {
    private final SqsClient sqs;
    private final Topology topology;
    private final Map<String, QueuePair> resolved = new ConcurrentHashMap<>();

    QueueDirectory(SqsClient sqs, Topology topology) {
        this.sqs = sqs;
        this.topology = topology;
    }

    Topology topology() {
        return topology;
    }

    /** The type's topology, or {@code INVALID} naming the types there are. */
    JobTopology job(String type) {
        return topology.jobs().stream()
                .filter(j -> j.type().equals(type))
                .findFirst()
                .orElseThrow(() -> OperationException.invalid("unknown job type '" + type + "'; the catalogue has: "
                        + String.join(
                                ", ",
                                new TreeSet<>(topology.jobs().stream()
                                        .map(JobTopology::type)
                                        .toList()))));
    }

    /** Every priority of {@code type}, or only {@code priority} when given (refused if the type does not take it). */
    List<QueuePair> of(String type, Priority priority) {
        JobTopology job = job(type);
        List<QueuePair> pairs = new ArrayList<>();
        for (QueueSpec spec : job.queues()) {
            if (priority == null || spec.priority() == priority) {
                pairs.add(resolve(type, spec));
            }
        }
        if (pairs.isEmpty()) {
            throw OperationException.invalid("job type '" + type + "' does not take priority " + priority.wireName()
                    + "; it takes "
                    + job.definition().priorities().stream()
                            .map(Priority::wireName)
                            .toList());
        }
        return pairs;
    }

    private QueuePair resolve(String type, QueueSpec spec) {
        return resolved.computeIfAbsent(spec.name(), name -> {
            String url = url(spec.name());
            String dlqUrl = url(spec.deadLetterName());
            return new QueuePair(
                    type, spec.priority(), spec.name(), url, arn(url), spec.deadLetterName(), dlqUrl, arn(dlqUrl));
        });
    }

    private String url(String name) {
        try {
            return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new OperationException(
                    OperationException.Kind.UNAVAILABLE,
                    "queue " + name + " does not exist; is the stack deployed (or sluice-local up) with app '"
                            + topology.app() + "'?",
                    e);
        }
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
