package io.sluice.local.cloudwatch;

import com.sun.net.httpserver.HttpExchange;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.http.LoopbackHttpServer;
import io.sluice.local.http.UrlForm;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one CloudWatch action {@code status} reads, {@code GetMetricData}, answered from sluice-local's pollers in
 * CloudWatch's query protocol (form-encoded request, XML response), so the operations library reads the same figures
 * from AWS and from here through {@code AWS_ENDPOINT_URL_CLOUDWATCH}. What it knows, per function
 * ({@code AWS/Lambda}, dimension {@code FunctionName}): {@code ConcurrentExecutions} (the pollers running a batch
 * now), {@code Invocations} and {@code Errors} (per minute, the last hour), {@code Throttles} (always 0: the emulator
 * never throttles). Anything else, {@code AWS/SQS ApproximateAgeOfOldestMessage} included, has no datapoints: the
 * local SQS publishes no metrics. Binds 127.0.0.1 only.
 */
public final class CloudWatchApiServer implements AutoCloseable {
    private static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private final LoopbackHttpServer http;
    private final Supplier<List<EventSourceMappingEmulator>> mappings;
    private final Clock clock;

    private CloudWatchApiServer(
            LoopbackHttpServer http, Supplier<List<EventSourceMappingEmulator>> mappings, Clock clock) {
        this.http = http;
        this.mappings = mappings;
        this.clock = clock;
    }

    public static CloudWatchApiServer start(
            int port, Supplier<List<EventSourceMappingEmulator>> mappings, Clock clock) {
        LoopbackHttpServer http =
                LoopbackHttpServer.bind("the CloudWatch API emulator", port, "--cloudwatch-port", "cloudwatch-api", 2);
        CloudWatchApiServer api = new CloudWatchApiServer(http, mappings, clock);
        http.serve(api::handle);
        return api;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    UrlForm.fields(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"GetMetricData".equals(form.get("Action"))) {
                reply(exchange, 400, error("InvalidAction", "sluice-local's CloudWatch answers GetMetricData only"));
                return;
            }
            Instant from = Instant.parse(form.getOrDefault(
                    "StartTime", clock.instant().minusSeconds(3600).toString()));
            Instant to =
                    Instant.parse(form.getOrDefault("EndTime", clock.instant().toString()));
            StringBuilder results = new StringBuilder();
            for (int i = 1; form.containsKey("MetricDataQueries.member." + i + ".Id"); i++) {
                String q = "MetricDataQueries.member." + i + ".";
                String id = form.get(q + "Id");
                String namespace = form.get(q + "MetricStat.Metric.Namespace");
                String metric = form.get(q + "MetricStat.Metric.MetricName");
                String dimension = form.get(q + "MetricStat.Metric.Dimensions.member.1.Value");
                Double value = "AWS/Lambda".equals(namespace) ? lambda(metric, dimension, from, to) : null;
                results.append("<member><Id>")
                        .append(escape(id))
                        .append("</Id><Label>")
                        .append(escape(metric))
                        .append("</Label><Timestamps>");
                if (value != null) {
                    results.append("<member>").append(to).append("</member>");
                }
                results.append("</Timestamps><Values>");
                if (value != null) {
                    results.append("<member>").append(value).append("</member>");
                }
                results.append("</Values><StatusCode>Complete</StatusCode></member>");
            }
            reply(
                    exchange,
                    200,
                    "<GetMetricDataResponse xmlns=\"" + NAMESPACE + "\"><GetMetricDataResult><MetricDataResults>"
                            + results + "</MetricDataResults><Messages/></GetMetricDataResult><ResponseMetadata>"
                            + "<RequestId>sluice-local</RequestId></ResponseMetadata></GetMetricDataResponse>");
        }
    }

    private Double lambda(String metric, String function, Instant from, Instant to) {
        List<EventSourceMappingEmulator> of = new ArrayList<>();
        for (EventSourceMappingEmulator m : mappings.get()) {
            if (m.function().name().equals(function)) {
                of.add(m);
            }
        }
        if (of.isEmpty()) {
            return null;
        }
        return switch (metric) {
            case "ConcurrentExecutions" ->
                (double) of.stream()
                        .mapToInt(EventSourceMappingEmulator::busyPollers)
                        .sum();
            case "Invocations" ->
                (double) of.stream()
                        .mapToLong(m -> m.invocationsBetween(from, to))
                        .sum();
            case "Errors" ->
                (double) of.stream().mapToLong(m -> m.errorsBetween(from, to)).sum();
            case "Throttles" -> 0.0;
            default -> null;
        };
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message></Error><RequestId>sluice-local</RequestId></ErrorResponse>";
    }

    private static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        LoopbackHttpServer.send(exchange, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.close();
    }
}
