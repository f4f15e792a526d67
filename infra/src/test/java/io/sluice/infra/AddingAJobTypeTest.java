package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.job.Priority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adding a job class is adding one catalogue entry: the stack gains that type's queues, dead-letter queues, function,
 * mappings, alarms, dashboard widgets and outputs, and nothing that existed changes, except the three things that by
 * nature list every queue or alarm (the producer policy, the producer scheduler role's policy, the dashboard), and
 * those only grow.
 */
class AddingAJobTypeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JobDefinition INVOICE = job("invoice-pdf")
            .priorities(Priority.HIGH, Priority.NORMAL)
            .concurrency(6)
            .build();

    static Synthesized before;
    static Synthesized after;

    @BeforeAll
    static void synthesizeBoth() {
        before = Synthesized.of(SluiceProps.builder().catalogue(SluiceTest.CATALOGUE));
        List<JobDefinition> more = new ArrayList<>(SluiceTest.CATALOGUE.definitions());
        more.add(INVOICE);
        after = Synthesized.of(SluiceProps.builder().catalogue(new Catalogue(more)));
    }

    @Test
    void theNewTypeBringsItsOwnResourcesAndNothingElse() {
        Set<String> added = new TreeSet<>(after.json().path("Resources").properties().stream()
                .map(Map.Entry::getKey)
                .toList());
        before.json().path("Resources").fieldNames().forEachRemaining(added::remove);
        Map<String, Integer> byType = new TreeMap<>();
        for (String id : added) {
            assertTrue(id.startsWith("Jobsinvoicepdf"), "added outside the new type: " + id);
            byType.merge(after.resource(id).path("Type").asText(), 1, Integer::sum);
        }
        assertEquals(4, byType.get("AWS::SQS::Queue"), "two queues, two DLQs");
        assertEquals(2, byType.get("AWS::Lambda::EventSourceMapping"));
        assertEquals(1, byType.get("AWS::Lambda::Function"));
        assertEquals(1, byType.get("AWS::Lambda::Alias"));
        assertEquals(1, byType.get("AWS::Lambda::Version"));
        assertEquals(3, byType.get("AWS::CloudWatch::Alarm"));
        assertEquals(
                List.of(
                        "sluice-invoice-pdf-high",
                        "sluice-invoice-pdf-high-dlq",
                        "sluice-invoice-pdf-normal",
                        "sluice-invoice-pdf-normal-dlq"),
                added.stream()
                        .map(after::resource)
                        .filter(r -> r.path("Type").asText().equals("AWS::SQS::Queue"))
                        .map(r -> r.path("Properties").path("QueueName").asText())
                        .sorted()
                        .toList());
    }

    @Test
    void everyExistingResourceIsUnchangedExceptTheListsOfEveryQueueWhichOnlyGrow() {
        Set<String> changed = new TreeSet<>();
        before.json().path("Resources").fields().forEachRemaining(e -> {
            JsonNode now = after.json().path("Resources").path(e.getKey());
            assertTrue(!now.isMissingNode(), "removed: " + e.getKey());
            if (!now.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        });
        String producerPolicy = before.referencedId(before.output("ProducerPolicyArn"));
        String schedulerRole = before.referencedId(before.output("ProducerSchedulerRoleArn"));
        String schedulerRolePolicy = before.resources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> before.refersToAny(e.getValue().path("Properties").path("Roles"), schedulerRole))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        String dashboard = before.resources("AWS::CloudWatch::Dashboard")
                .keySet()
                .iterator()
                .next();
        // The Jobs API's function role and its viewer and operator policies list every queue too.
        List<String> apiPolicies = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            before.resources(type).keySet().stream()
                    .filter(id -> id.startsWith("JobsApiAccessOperator")
                            || id.startsWith("JobsApiAccessViewer")
                            || id.startsWith("JobsApiRoleDefaultPolicy"))
                    .forEach(apiPolicies::add);
        }
        assertEquals(3, apiPolicies.size(), apiPolicies.toString());
        Set<String> expected = new TreeSet<>(Set.of(producerPolicy, schedulerRolePolicy, dashboard));
        expected.addAll(apiPolicies);
        assertEquals(expected, changed);

        List<String> growing = new ArrayList<>(List.of(producerPolicy, schedulerRolePolicy));
        growing.addAll(apiPolicies);
        for (String policy : growing) {
            Set<String> grants = grants(before, policy);
            Set<String> grown = grants(after, policy);
            assertTrue(grown.containsAll(grants), policy + " lost " + difference(grants, grown));
            assertFalse(difference(grown, grants).isEmpty(), policy + " gained no grant for the new type's queues");
            for (String grant : difference(grown, grants)) {
                assertTrue(grant.contains("Jobsinvoicepdf"), policy + " gained a grant on something else: " + grant);
            }
        }
        List<JsonNode> widgets = widgets(before, dashboard);
        List<JsonNode> grownWidgets = widgets(after, dashboard);
        for (JsonNode widget : widgets) {
            if (!widget.path("properties").has("alarms")) {
                assertTrue(grownWidgets.contains(widget), "widget changed or removed: " + widget);
            }
        }
        assertEquals(widgets.size() + 10, grownWidgets.size(), "a header and three rows of three graphs");
    }

    @Test
    void theDashboardGainsTheNewTypesWidgetsAndItsAlarms() {
        String dashboard = after.resources("AWS::CloudWatch::Dashboard")
                .keySet()
                .iterator()
                .next();
        List<JsonNode> widgets = widgets(after, dashboard);
        long titled = widgets.stream()
                .filter(w -> w.path("properties").path("title").asText().startsWith("invoice-pdf: "))
                .count();
        assertEquals(9, titled);
        JsonNode alarmWidget = widgets.stream()
                .filter(w -> w.path("properties").has("alarms"))
                .findFirst()
                .orElseThrow();
        assertEquals(5 * 3 + 1, alarmWidget.path("properties").path("alarms").size());
        assertTrue(alarmWidget.toString().contains("Jobsinvoicepdf"));
    }

    @Test
    void existingOutputsStayAndTheNewQueuesGetTheirs() {
        Set<String> added = new TreeSet<>(after.json().path("Outputs").properties().stream()
                .map(Map.Entry::getKey)
                .toList());
        before.json().path("Outputs").fields().forEachRemaining(e -> {
            assertEquals(e.getValue(), after.json().path("Outputs").path(e.getKey()), e.getKey());
            added.remove(e.getKey());
        });
        assertEquals(Set.of("QueueUrlInvoicePdfHigh", "QueueUrlInvoicePdfNormal"), added);
    }

    /** Each (effect, action, resource) of a policy, with resources as JSON text. */
    private static Set<String> grants(Synthesized s, String policyId) {
        Set<String> grants = new HashSet<>();
        for (JsonNode statement :
                SluiceTest.statements(s.resource(policyId).path("Properties").path("PolicyDocument"))) {
            for (String action : SluiceTest.texts(statement.path("Action"))) {
                for (JsonNode resource : SluiceTest.list(statement.path("Resource"))) {
                    grants.add(statement.path("Effect").asText() + " " + action + " " + resource + " "
                            + statement.path("Condition"));
                }
            }
        }
        return grants;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /**
     * The dashboard's widgets, positions removed (a type sorted in between moves the rows below it). The body is a
     * Fn::Join of text and references; references become their logical id so the text parses as JSON.
     */
    private static List<JsonNode> widgets(Synthesized s, String dashboardId) {
        JsonNode body = s.resource(dashboardId).path("Properties").path("DashboardBody");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : body.path("Fn::Join").get(1)) {
            text.append(
                    part.isTextual()
                            ? part.asText()
                            : "@" + (part.has("Ref") ? part.path("Ref").asText() : s.referencedId(part)));
        }
        try {
            List<JsonNode> widgets = new ArrayList<>();
            for (JsonNode widget : JSON.readTree(text.toString()).path("widgets")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) widget).remove(List.of("x", "y"));
                widgets.add(widget);
            }
            return widgets;
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard body is not JSON: " + text, e);
        }
    }
}
