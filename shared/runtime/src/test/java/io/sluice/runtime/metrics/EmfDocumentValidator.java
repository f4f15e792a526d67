package io.sluice.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a log line against the rules of the
 * <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">CloudWatch
 * embedded metric format specification</a>, so a test proves CloudWatch would extract the metrics instead of
 * trusting the library that wrote them. Returns every violation found, empty when the document is valid.
 */
final class EmfDocumentValidator {
    /** The units the specification's JSON schema allows (CloudWatch's MetricDatum units). */
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");
    /** "This array MUST NOT contain more than 100 MetricDefinition objects." */
    static final int MAX_METRICS_PER_DIRECTIVE = 100;
    /** "Numeric array metric targets MUST NOT have more than 100 members." */
    static final int MAX_VALUES_PER_METRIC = 100;
    /** "A DimensionSet MUST NOT contain more than 30 dimension keys." (9 in earlier versions of the page.) */
    static final int MAX_DIMENSION_KEYS = 30;
    /** Namespace, metric names and dimension references: 1 to 255 characters (the spec's JSON schema). */
    static final int MAX_NAME_LENGTH = 255;
    /** An EMF document is a CloudWatch Logs event: at most 1 MB. */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfDocumentValidator() {}

    static List<String> violations(String line) {
        List<String> errors = new ArrayList<>();
        if (line.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            errors.add("document is larger than 1 MB");
        }
        JsonNode root;
        try {
            // "The LogEvent message MUST be a valid JSON object with no additional data at the beginning or end."
            root = JSON.readTree(line);
        } catch (Exception e) {
            errors.add("not JSON: " + e.getMessage());
            return errors;
        }
        if (root == null || !root.isObject()) {
            errors.add("root is not a JSON object");
            return errors;
        }
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            errors.add("_aws must be an object");
            return errors;
        }
        JsonNode timestamp = aws.get("Timestamp");
        // "Values MUST be expressed as the number of milliseconds after Jan 1, 1970 00:00:00 UTC" (schema: integer).
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() < 1_000_000_000_000L) {
            errors.add("_aws.Timestamp must be an integer of epoch milliseconds, was " + timestamp);
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray()) {
            errors.add("_aws.CloudWatchMetrics must be an array");
            return errors;
        }
        for (JsonNode directive : directives) {
            checkDirective(root, directive, errors);
        }
        return errors;
    }

    private static void checkDirective(JsonNode root, JsonNode directive, List<String> errors) {
        JsonNode namespace = directive.get("Namespace");
        if (namespace == null || !namespace.isTextual() || !isName(namespace.asText())) {
            errors.add("Namespace must be a string of 1 to 255 characters, was " + namespace);
        }
        JsonNode dimensions = directive.get("Dimensions");
        if (dimensions == null || !dimensions.isArray() || dimensions.isEmpty()) {
            errors.add("Dimensions must be a non-empty array of DimensionSets, was " + dimensions);
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > MAX_DIMENSION_KEYS) {
                    errors.add(
                            "a DimensionSet must be an array of at most " + MAX_DIMENSION_KEYS + " keys, was " + set);
                    continue;
                }
                for (JsonNode key : set) {
                    JsonNode target = key.isTextual() ? root.get(key.asText()) : null;
                    // "The target member MUST have a string value."
                    if (!key.isTextual() || !isName(key.asText()) || target == null || !target.isTextual()) {
                        errors.add("dimension " + key + " must name a top-level string member, found " + target);
                    }
                }
            }
        }
        JsonNode metrics = directive.get("Metrics");
        if (metrics == null || !metrics.isArray() || metrics.size() > MAX_METRICS_PER_DIRECTIVE) {
            errors.add("Metrics must be an array of at most " + MAX_METRICS_PER_DIRECTIVE + " definitions, was "
                    + metrics);
            return;
        }
        for (JsonNode definition : metrics) {
            JsonNode name = definition.get("Name");
            if (name == null || !name.isTextual() || !isName(name.asText())) {
                errors.add("a MetricDefinition needs a Name of 1 to 255 characters, was " + definition);
                continue;
            }
            JsonNode unit = definition.get("Unit");
            if (unit != null && (!unit.isTextual() || !UNITS.contains(unit.asText()))) {
                errors.add("metric " + name + " has unit " + unit + ", not one of " + UNITS);
            }
            JsonNode resolution = definition.get("StorageResolution");
            if (resolution != null && !(resolution.isInt() && (resolution.asInt() == 1 || resolution.asInt() == 60))) {
                errors.add("metric " + name + " has StorageResolution " + resolution + "; allowed 1 or 60");
            }
            checkMetricTarget(name.asText(), root.get(name.asText()), errors);
        }
    }

    /** "A metric target MUST be a numeric value or an array of numeric values ... not more than 100 members." */
    private static void checkMetricTarget(String name, JsonNode target, List<String> errors) {
        if (target == null) {
            errors.add("metric " + name + " has no top-level member");
        } else if (target.isArray()) {
            if (target.isEmpty() || target.size() > MAX_VALUES_PER_METRIC) {
                errors.add(
                        "metric " + name + " has " + target.size() + " values; allowed 1 to " + MAX_VALUES_PER_METRIC);
            }
            for (JsonNode v : target) {
                if (!v.isNumber()) {
                    errors.add("metric " + name + " has a non-numeric value " + v);
                }
            }
        } else if (!target.isNumber()) {
            errors.add("metric " + name + " must be a number or an array of numbers, was " + target);
        }
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.length() <= MAX_NAME_LENGTH;
    }
}
