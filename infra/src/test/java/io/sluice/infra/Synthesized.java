package io.sluice.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack with a {@link Sluice} in it, synthesized the way {@code cdk synth} does it: with the feature flags and
 * settings of {@code infra/cdk.json} (so tests see what a deployment gets), and a small stand-in for the Lambda jar
 * (its content only feeds the asset hash). {@link #of} builds the bundled app's stack as {@link SluiceApp} does;
 * {@link #fromStack} takes a stack of the test's own. The template is kept as JSON for assertions that
 * {@link Template} cannot express.
 */
record Synthesized(Stack stack, Sluice sluice, Template template, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path JAR = standInJar();

    /** Synthesizes the bundled app's stack from {@code props}, which must not set the jar (the stand-in is used). */
    static Synthesized of(SluiceProps.Builder props) {
        return of(props, Map.of());
    }

    /** Synthesizes with extra context on top of cdk.json's (for the app's own context keys). */
    static Synthesized of(SluiceProps.Builder props, Map<String, Object> context) {
        Sluice sluice = SluiceApp.addStack(app(context), props.lambdaJar(JAR).build());
        return fromStack(Stack.of(sluice), sluice);
    }

    /** Synthesizes a stack that holds {@code sluice} somewhere. */
    static Synthesized fromStack(Stack stack, Sluice sluice) {
        Template template = Template.fromStack(stack);
        return new Synthesized(stack, sluice, template, JSON.valueToTree(template.toJSON()));
    }

    /** An app with cdk.json's context (feature flags) and {@code extra}. */
    static App app(Map<String, Object> extra) {
        Map<String, Object> context = new java.util.HashMap<>(cdkJsonContext());
        // The Jobs API's code is a stand-in too: its content only feeds the asset hash.
        context.put(SluiceContext.JOBS_API_JAR, JAR.toString());
        context.putAll(extra);
        return App.Builder.create().context(context).analyticsReporting(false).build();
    }

    static Path standInJar() {
        try {
            Path jar = Files.createTempFile("sluice-functions-stand-in", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("README"));
                zip.write("stand-in for the shaded functions jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = JSON.readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read infra/cdk.json", e);
        }
    }

    /** The resources of a CloudFormation type, by logical id. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new java.util.TreeMap<>();
        json.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    JsonNode resource(String logicalId) {
        JsonNode r = json.path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new AssertionError("no resource " + logicalId);
        }
        return r;
    }

    /** The logical id of the one resource of a type whose property has a value. */
    String idOf(String type, String property, String value) {
        List<String> ids = resources(type).entrySet().stream()
                .filter(e ->
                        e.getValue().path("Properties").path(property).asText().equals(value))
                .map(Map.Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " with " + property + " " + value + ", found " + ids);
        }
        return ids.get(0);
    }

    String queueId(String name) {
        return idOf("AWS::SQS::Queue", "QueueName", name);
    }

    JsonNode queueNamed(String name) {
        return resource(queueId(name)).path("Properties");
    }

    String functionId(String name) {
        return idOf("AWS::Lambda::Function", "FunctionName", name);
    }

    JsonNode function(String name) {
        return resource(functionId(name)).path("Properties");
    }

    String tableId(String name) {
        return idOf("AWS::DynamoDB::Table", "TableName", name);
    }

    String aliasId(String functionName) {
        String functionId = functionId(functionName);
        return resources("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> refersTo(e.getValue().path("Properties").path("FunctionName"), functionId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no alias of " + functionName));
    }

    /** The function a mapping invokes, through the alias its FunctionName refers to. */
    String functionIdOfMapping(JsonNode mapping) {
        JsonNode alias = resource(referencedId(mapping.path("FunctionName")));
        return referencedId(alias.path("Properties").path("FunctionName"));
    }

    /** The properties of the mapping that reads the queue named {@code queueName}. */
    JsonNode mappingOf(String queueName) {
        String queueId = queueId(queueName);
        return resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(r -> r.path("Properties"))
                .filter(p -> refersTo(p.path("EventSourceArn"), queueId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mapping reads " + queueName));
    }

    String roleIdOfFunction(String functionName) {
        return referencedId(function(functionName).path("Role"));
    }

    /** The Allow and Deny statements that apply to a role: its inline policies and the AWS::IAM::Policy resources attached to it. */
    List<JsonNode> statementsOfRole(String roleId) {
        List<JsonNode> out = new ArrayList<>();
        resource(roleId)
                .path("Properties")
                .path("Policies")
                .forEach(p -> p.path("PolicyDocument").path("Statement").forEach(out::add));
        resources("AWS::IAM::Policy").values().forEach(p -> {
            if (refersToAny(p.path("Properties").path("Roles"), roleId)) {
                p.path("Properties").path("PolicyDocument").path("Statement").forEach(out::add);
            }
        });
        return out;
    }

    /** Every statement of every identity and resource policy in the template. */
    List<JsonNode> allPolicyStatements() {
        List<JsonNode> out = new ArrayList<>();
        json.path("Resources").forEach(r -> {
            JsonNode p = r.path("Properties");
            p.path("PolicyDocument").path("Statement").forEach(out::add);
            p.path("Policies")
                    .forEach(inline ->
                            inline.path("PolicyDocument").path("Statement").forEach(out::add));
            p.path("KeyPolicy").path("Statement").forEach(out::add);
        });
        return out;
    }

    /** An output's value. */
    JsonNode output(String id) {
        JsonNode value = json.path("Outputs").path(id).path("Value");
        if (value.isMissingNode()) {
            throw new AssertionError("no output " + id + "; outputs: "
                    + json.path("Outputs").properties().stream()
                            .map(Map.Entry::getKey)
                            .toList());
        }
        return value;
    }

    /** The resource a Ref or Fn::GetAtt names, looking inside Fn::Join and the like for the first one. */
    String referencedId(JsonNode node) {
        if (node.has("Ref") && !node.path("Ref").asText().startsWith("AWS::")) {
            return node.path("Ref").asText();
        }
        if (node.has("Fn::GetAtt")) {
            return node.path("Fn::GetAtt").get(0).asText();
        }
        for (JsonNode child : node) {
            String id = referencedId(child);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    boolean refersTo(JsonNode node, String logicalId) {
        return logicalId.equals(referencedId(node));
    }

    boolean refersToAny(JsonNode array, String logicalId) {
        for (JsonNode n : array) {
            if (refersTo(n, logicalId)) {
                return true;
            }
        }
        return false;
    }
}
