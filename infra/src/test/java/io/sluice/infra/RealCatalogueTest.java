package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
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
        stack = Synthesized.of(SluiceStackProps.builder().catalogue(Catalogue.load()));
    }

    @Test
    void theWebhookTypeGetsThreePriorityQueuesSharingItsConcurrency() {
        assertEquals(List.of("webhook"), stack.stack().topology().jobs().stream().map(j -> j.type()).toList());
        JsonNode fn = stack.function("sluice-webhook");
        assertEquals(12, fn.path("ReservedConcurrentExecutions").asInt());
        assertEquals(35, fn.path("Timeout").asInt());
        assertEquals(512, fn.path("MemorySize").asInt());
        for (String priority : List.of("high", "normal", "low")) {
            JsonNode queue = stack.queueNamed("sluice-webhook-" + priority);
            assertEquals(6 * 35, queue.path("VisibilityTimeout").asInt());
            assertEquals(15, queue.path("RedrivePolicy").path("maxReceiveCount").asInt());
            stack.queueNamed("sluice-webhook-" + priority + "-dlq");
        }
        assertEquals(List.of(5, 4, 3), List.of("high", "normal", "low").stream()
                .map(p -> stack.mappingOf("sluice-webhook-" + p).path("ScalingConfig").path("MaximumConcurrency").asInt()).toList());
        assertTrue(stack.resources("AWS::Scheduler::Schedule").isEmpty(), "webhook declares no schedule");
    }

    @Test
    void cdkNagFindsNothingUnsuppressed() {
        Annotations annotations = Annotations.fromStack(stack.stack());
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()).stream().map(m -> m.getEntry().getData()).toList());
        assertEquals(List.of(), annotations.findWarning("*", Match.anyValue()).stream().map(m -> m.getEntry().getData()).toList());
    }
}
