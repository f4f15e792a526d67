package io.sluice.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.jobs.ExtraGrant;
import io.sluice.infra.monitoring.AlarmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.constructs.Node;

/**
 * Reads the bundled app's {@link SluiceProps} from CDK context ({@code cdk.json}'s {@code "context"}, or
 * {@code -c key=value} on the command line, where JSON values are given as text):
 * <table>
 *   <caption>Context keys</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code sluice:app}</td><td>resource prefix</td><td>{@code sluice}</td></tr>
 *   <tr><td>{@code sluice:overrides}</td><td>{@code {"<type>": {"concurrency": 20, "timeout": "PT60S"}}}, the
 *       {@link JobOverrides} keys</td><td>none</td></tr>
 *   <tr><td>{@code sluice:environment}</td><td>{@code {"<type>": {"SLUICE_WEBHOOK_ALLOW_HOSTS": "..."}}}</td><td>none</td></tr>
 *   <tr><td>{@code sluice:alarms}</td><td>{@code {"*": {"errorRatePercent": 5}, "<type>": {"oldestMessageAge": "PT30M"}}}</td>
 *       <td>derived per type</td></tr>
 *   <tr><td>{@code sluice:secrets}</td><td>{@code {"tweet": ["sluice/x-credentials"]}}: Secrets Manager names or ARNs a
 *       type's function may read</td><td>none</td></tr>
 *   <tr><td>{@code sluice:grants}</td><td>{@code {"email": [{"actions": ["ses:SendEmail"], "resources":
 *       ["arn:aws:ses:eu-west-1:123456789012:identity/example.com"]}]}}: further permissions a type's handler needs</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code sluice:alarmEmail}</td><td>an e-mail address</td><td>none</td></tr>
 *   <tr><td>{@code sluice:producerPrincipals}</td><td>JSON array or comma-separated account ids and role ARNs</td><td>none</td></tr>
 *   <tr><td>{@code sluice:retainData}</td><td>{@code true} or {@code false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code sluice:jobsTableIndexes}</td><td>JSON array or comma-separated index names of the jobs table, to
 *       move a table created by an earlier version one index per deployment (infra/README.md)</td><td>this
 *       version's</td></tr>
 *   <tr><td>{@code sluice:lambdaJar}</td><td>the folder of the function modules' shaded jars (each type deploys the one
 *       whose catalogue lists it), or one jar for every type</td><td>{@value #DEFAULT_LAMBDA_JAR}</td></tr>
 *   <tr><td>{@code sluice:api}</td><td>{@code true} or {@code false}: deploy the Jobs HTTP API</td><td>{@code true}</td></tr>
 *   <tr><td>{@code sluice:apiJar}</td><td>path of the Jobs API's shaded jar</td><td>{@value #DEFAULT_JOBS_API_JAR}</td></tr>
 * </table>
 * A malformed value, or a job type the catalogue does not have, is an error naming the key and what was expected.
 */
public final class SluiceContext {
    public static final String APP = "sluice:app";
    public static final String OVERRIDES = "sluice:overrides";
    public static final String ENVIRONMENT = "sluice:environment";
    public static final String ALARMS = "sluice:alarms";
    public static final String SECRETS = "sluice:secrets";
    public static final String GRANTS = "sluice:grants";
    public static final String ALARM_EMAIL = "sluice:alarmEmail";
    public static final String PRODUCER_PRINCIPALS = "sluice:producerPrincipals";
    public static final String RETAIN_DATA = "sluice:retainData";
    public static final String LAMBDA_JAR = "sluice:lambdaJar";
    public static final String JOBS_TABLE_INDEXES = "sluice:jobsTableIndexes";
    /** Whether the bundled app deploys the Jobs HTTP API; {@code true} unless {@code false}. */
    public static final String JOBS_API = "sluice:api";
    /** The Jobs HTTP API Lambda's jar. */
    public static final String JOBS_API_JAR = "sluice:apiJar";
    /** Where the infra build copies the Jobs API's shaded jar, relative to {@code infra/}. */
    public static final String DEFAULT_JOBS_API_JAR = "target/api/sluice-jobs-api-lambda.jar";
    /** The key of {@link #ALARMS} whose settings apply to every job type ({@link SluiceProps#jobDefaults()}). */
    public static final String EVERY_TYPE = "*";
    /** Where the infra build copies the function modules' shaded jars (one per module), relative to {@code infra/}. */
    public static final String DEFAULT_LAMBDA_JAR = "target/lambda";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node node;

    public SluiceContext(Node node) {
        this.node = node;
    }

    /** Whether to deploy the Jobs HTTP API (context {@value #JOBS_API}, default {@code true}). */
    public boolean jobsApi() {
        return flag(JOBS_API, true);
    }

    /** The Jobs HTTP API's jar (context {@value #JOBS_API_JAR}), which must exist. */
    public Path jobsApiJar() {
        Path jar = Path.of(text(JOBS_API_JAR, DEFAULT_JOBS_API_JAR));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(JOBS_API_JAR + ": no Jobs API jar at " + jar.toAbsolutePath()
                    + "; build it first with `mvn -B -DskipTests package` in the repository root, or set "
                    + JOBS_API + " to false");
        }
        return jar;
    }

    /**
     * The settings for {@code catalogue}, from context.
     *
     * @throws IllegalArgumentException naming the key and the value that is not allowed
     */
    public SluiceProps props(Catalogue catalogue) {
        Path jar = Path.of(text(LAMBDA_JAR, DEFAULT_LAMBDA_JAR));
        if (!Files.isRegularFile(jar) && !Files.isDirectory(jar)) {
            throw new IllegalArgumentException(LAMBDA_JAR + ": no Lambda jar at " + jar.toAbsolutePath()
                    + "; build it first with `mvn -B -DskipTests package` in the repository root");
        }
        Map<String, JobOverrides> overrides = new LinkedHashMap<>();
        perType(OVERRIDES).forEach((type, values) -> {
            try {
                overrides.put(type, new JobOverrides(values));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OVERRIDES + "." + type + ": " + e.getMessage(), e);
            }
        });
        Map<String, Map<String, String>> environment = perType(ENVIRONMENT);
        Map<String, AlarmSettings> alarms = new LinkedHashMap<>();
        perType(ALARMS).forEach((type, values) -> alarms.put(type, AlarmSettings.parse(values, ALARMS + "." + type)));
        Map<String, List<String>> secrets = secrets();
        Map<String, List<ExtraGrant>> grants = grants();

        Set<String> types = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> given : List.of(
                Map.entry(OVERRIDES, overrides.keySet()),
                Map.entry(ENVIRONMENT, environment.keySet()),
                Map.entry(ALARMS, alarms.keySet()),
                Map.entry(SECRETS, secrets.keySet()),
                Map.entry(GRANTS, grants.keySet()))) {
            for (String type : given.getValue()) {
                if (!(given.getKey().equals(ALARMS) && EVERY_TYPE.equals(type))) {
                    SluiceProps.requireKnownType(type, given.getKey(), catalogue);
                    types.add(type);
                }
            }
        }
        SluiceProps.Builder props = SluiceProps.builder()
                .app(text(APP, null))
                .catalogue(catalogue)
                .lambdaJar(jar)
                .jobDefaults(
                        JobSettings.builder().alarms(alarms.get(EVERY_TYPE)).build())
                .alarmEmail(text(ALARM_EMAIL, null))
                .producerPrincipals(list(PRODUCER_PRINCIPALS))
                .retainData(flag(RETAIN_DATA, true))
                .jobsTableIndexes(node.tryGetContext(JOBS_TABLE_INDEXES) == null ? null : list(JOBS_TABLE_INDEXES));
        for (String type : types) {
            props.job(
                    type,
                    JobSettings.builder()
                            .overrides(overrides.get(type))
                            .environment(environment.get(type))
                            .alarms(alarms.get(type))
                            .secrets(secrets.get(type))
                            .grants(grants.get(type))
                            .build());
        }
        return props.build();
    }

    private String text(String key, String fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(key + " must be text, was " + value);
        }
        return s.isBlank() ? fallback : s.trim();
    }

    private boolean flag(String key, boolean fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key + " must be true or false, was " + value);
    }

    /** {@code {"<type>": ["<secret>", ...]}}, or one secret as text. */
    private Map<String, List<String>> secrets() {
        JsonNode tree = tree(SECRETS);
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (tree == null) {
            return result;
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(SECRETS
                    + " must be a JSON object of job types, such as {\"tweet\": [\"sluice/x-credentials\"]}, was "
                    + tree);
        }
        tree.fields()
                .forEachRemaining(
                        type -> result.put(type.getKey(), list(SECRETS + "." + type.getKey(), type.getValue())));
        return result;
    }

    /** {@code {"<type>": [{"actions": [...], "resources": [...]}, ...]}}. */
    private Map<String, List<ExtraGrant>> grants() {
        JsonNode tree = tree(GRANTS);
        Map<String, List<ExtraGrant>> result = new LinkedHashMap<>();
        if (tree == null) {
            return result;
        }
        String example =
                "{\"email\": [{\"actions\": [\"ses:SendEmail\"], \"resources\": [\"arn:aws:ses:...:identity/example.com\"]}]}";
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    GRANTS + " must be a JSON object of job types, such as " + example + ", was " + tree);
        }
        tree.fields().forEachRemaining(type -> {
            String key = GRANTS + "." + type.getKey();
            if (!type.getValue().isArray()) {
                throw new IllegalArgumentException(key + " must be a JSON array of grants, such as " + example);
            }
            List<ExtraGrant> grants = new ArrayList<>();
            for (JsonNode grant : type.getValue()) {
                try {
                    grants.add(new ExtraGrant(
                            list(key + ".actions", grant.get("actions")),
                            list(key + ".resources", grant.get("resources"))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                }
            }
            result.put(type.getKey(), grants);
        });
        return result;
    }

    private List<String> list(String key) {
        return list(key, tree(key));
    }

    private static List<String> list(String key, JsonNode tree) {
        List<String> values = new ArrayList<>();
        if (tree == null) {
            return values;
        }
        if (tree.isTextual()) {
            for (String part : tree.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        } else if (tree.isArray()) {
            tree.forEach(v -> values.add(v.asText()));
        } else {
            throw new IllegalArgumentException(key + " must be a JSON array or comma-separated text, was " + tree);
        }
        return values;
    }

    /** {@code {"<type>": {"<key>": <value>}}}, values as text. */
    private Map<String, Map<String, String>> perType(String key) {
        JsonNode tree = tree(key);
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        if (tree == null) {
            return result;
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    key + " must be a JSON object of job types, such as {\"webhook\": {...}}, was " + tree);
        }
        for (Iterator<Map.Entry<String, JsonNode>> types = tree.fields(); types.hasNext(); ) {
            Map.Entry<String, JsonNode> type = types.next();
            if (!type.getValue().isObject()) {
                throw new IllegalArgumentException(
                        key + "." + type.getKey() + " must be a JSON object of settings, was " + type.getValue());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> settings =
                            type.getValue().fields();
                    settings.hasNext(); ) {
                Map.Entry<String, JsonNode> setting = settings.next();
                JsonNode v = setting.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException(key + "." + type.getKey() + "." + setting.getKey()
                            + " must be text, a number or a boolean, was " + v);
                }
                values.put(setting.getKey(), v.asText());
            }
            result.put(type.getKey(), values);
        }
        return result;
    }

    /** A context value as JSON: objects from cdk.json arrive as maps, values given with -c as text to parse. */
    private JsonNode tree(String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            String text = s.trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(key + " is not valid JSON: " + e.getOriginalMessage(), e);
                }
            }
            return JSON.getNodeFactory().textNode(text);
        }
        return JSON.valueToTree(value);
    }
}
