package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** The stack of the catalogue the functions module really builds (what `cdk deploy` ships), with the app's defaults. */
class RealCatalogueTest {
    static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.of(SluiceProps.builder().catalogue(Catalogue.load()));
    }

    @Test
    void everyTypeOfTheFunctionsModuleGetsItsFunctionQueuesAndMappings() {
        List<String> types =
                stack.sluice().topology().jobs().stream().map(JobTopology::type).toList();
        assertTrue(types.containsAll(List.of("tweet", "webhook")), types.toString());
        for (JobTopology job : stack.sluice().topology().jobs()) {
            JsonNode fn = stack.function(job.function().name());
            assertEquals(
                    job.definition().concurrency(),
                    fn.path("ReservedConcurrentExecutions").asInt());
            for (QueueSpec q : job.queues()) {
                assertEquals(
                        6 * fn.path("Timeout").asInt(),
                        stack.queueNamed(q.name()).path("VisibilityTimeout").asInt(),
                        q.name());
                stack.queueNamed(q.deadLetterName());
                assertTrue(
                        stack.refersTo(
                                stack.queueNamed(q.name()).path("RedrivePolicy").path("deadLetterTargetArn"),
                                stack.queueId(q.deadLetterName())),
                        q.name() + " redrives to its own DLQ");
                assertEquals(
                        q.eventSourceMapping().maximumConcurrency(),
                        stack.mappingOf(q.name())
                                .path("ScalingConfig")
                                .path("MaximumConcurrency")
                                .asInt(),
                        q.name());
            }
        }
    }

    @Test
    void theWebhookTypeGetsThreePriorityQueuesSharingItsConcurrency() {
        JsonNode fn = stack.function("sluice-webhook");
        assertEquals(12, fn.path("ReservedConcurrentExecutions").asInt());
        assertEquals(35, fn.path("Timeout").asInt());
        assertEquals(512, fn.path("MemorySize").asInt());
        for (String priority : List.of("high", "normal", "low")) {
            assertEquals(
                    15,
                    stack.queueNamed("sluice-webhook-" + priority)
                            .path("RedrivePolicy")
                            .path("maxReceiveCount")
                            .asInt());
        }
        assertEquals(
                List.of(5, 4, 3),
                List.of("high", "normal", "low").stream()
                        .map(p -> stack.mappingOf("sluice-webhook-" + p)
                                .path("ScalingConfig")
                                .path("MaximumConcurrency")
                                .asInt())
                        .toList());
    }

    @Test
    void cdkNagFindsNothingUnsuppressed() {
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertEquals(
                List.of(),
                annotations.findError("*", Match.anyValue()).stream()
                        .map(m -> m.getEntry().getData())
                        .toList());
        assertEquals(
                List.of(),
                annotations.findWarning("*", Match.anyValue()).stream()
                        .map(m -> m.getEntry().getData())
                        .toList());
    }
}
