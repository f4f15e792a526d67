package io.sluice.local;

import io.sluice.job.Priority;
import io.sluice.topology.JobTopology;
import io.sluice.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queues of a topology as created on sluice-local's SQS, and where each is: the URL and ARN of a type's
 * priority queue and of its dead-letter queue, as the stack's outputs name them on AWS.
 */
final class LocalQueues {
    private final Topology topology;
    private final Map<String, QueueProvisioner.Provisioned> byName;

    private LocalQueues(Topology topology, Map<String, QueueProvisioner.Provisioned> byName) {
        this.topology = topology;
        this.byName = byName;
    }

    /** Creates (or brings up to date) every queue of {@code topology} and its dead-letter queue. */
    static LocalQueues provision(Topology topology, SqsClient sqs) {
        QueueProvisioner provisioner = new QueueProvisioner(sqs);
        Map<String, QueueProvisioner.Provisioned> byName = new LinkedHashMap<>();
        for (JobTopology job : topology.jobs()) {
            for (var spec : job.queues()) {
                byName.put(spec.name(), provisioner.provision(spec));
            }
        }
        return new LocalQueues(topology, byName);
    }

    /** A queue by its topology name. */
    QueueProvisioner.Provisioned named(String name) {
        return byName.get(name);
    }

    /** A type's queue for a priority. */
    QueueProvisioner.Provisioned of(String type, Priority priority) {
        return byName.get(topology.job(type).queue(priority).name());
    }

    /** Every queue and dead-letter queue, by name, with its URL. */
    Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        byName.values().forEach(q -> {
            urls.put(q.spec().name(), q.url());
            urls.put(q.spec().deadLetterName(), q.deadLetterUrl());
        });
        return urls;
    }
}
