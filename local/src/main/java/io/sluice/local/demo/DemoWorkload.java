package io.sluice.local.demo;

import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's mixed workload: webhook jobs spread over the receiver's behaviours and the three
 * priorities, some with bad URLs (one not a URL at all, one aimed at the cloud metadata address, which the
 * SSRF guard refuses), and a handful of malformed messages of the kinds producers really send.
 */
public final class DemoWorkload {
    /** One message to send, and the priority queue it goes to. */
    public record Item(Priority priority, String body) {}

    private DemoWorkload() {}

    /** {@code webhookJobs} webhook envelopes aimed at the receiver, plus the malformed messages. */
    public static List<Item> build(int webhookJobs, URI receiver, String source, Instant now) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < webhookJobs; i++) {
            int bucket = i % 100;
            String url;
            if (bucket < 65) {
                url = receiver + "/ok";
            } else if (bucket < 80) {
                url = receiver + "/flaky";
            } else if (bucket < 88) {
                url = receiver + "/slow-down";
            } else if (bucket < 94) {
                url = receiver + "/broken";
            } else if (bucket < 98) {
                url = receiver + "/gone";
            } else if (bucket == 98) {
                url = "not a url";
            } else {
                url = "http://169.254.169.254/latest/meta-data/";
            }
            Priority priority = i % 10 == 0 ? Priority.HIGH : i % 10 < 7 ? Priority.NORMAL : Priority.LOW;
            var payload = SluiceJson.mapper()
                    .valueToTree(Map.of(
                            "url",
                            url,
                            "method",
                            "POST",
                            "body",
                            Map.of("event", "order.paid", "orderId", "ord-" + i, "amountCents", 1000 + i)));
            JobEnvelope envelope = JobEnvelope.create(
                            "webhook", priority, (com.fasterxml.jackson.databind.JsonNode) payload, now)
                    .withSource(source);
            items.add(new Item(priority, envelope.toJson()));
        }
        items.add(new Item(
                Priority.NORMAL,
                "{\"specVersion\":\"1\",\"jobId\":\"broken-1\",\"type\":\"webhook\",\"payload\":{\"url\":"));
        items.add(new Item(Priority.NORMAL, "order 42 paid, please notify"));
        items.add(new Item(
                Priority.NORMAL, "{\"specVersion\":\"2\",\"jobId\":\"future-1\",\"type\":\"webhook\",\"payload\":{}}"));
        items.add(new Item(
                Priority.NORMAL,
                "{\"specVersion\":\"1\",\"jobId\":\"fax-1\",\"type\":\"fax\",\"payload\":{\"to\":\"+1555\"}}"));
        items.add(new Item(Priority.NORMAL, "{\"specVersion\":\"1\",\"jobId\":\"nopayload-1\",\"type\":\"webhook\"}"));
        items.add(
                new Item(
                        Priority.HIGH,
                        "{\"specVersion\":\"1\",\"jobId\":\"typo-1\",\"type\":\"webhook\",\"payload\":{\"urll\":\"http://127.0.0.1/ok\"}}"));
        return items;
    }
}
