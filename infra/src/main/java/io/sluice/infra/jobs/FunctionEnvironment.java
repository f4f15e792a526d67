package io.sluice.infra.jobs;

import io.sluice.catalogue.JobOverrides;
import io.sluice.topology.LambdaEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment variables of one job type's function. The runtime reads them at init
 * ({@code JobFunction.fromEnvironment()}, which hands them to {@code JobFunction.from}; sluice-local starts from the
 * same {@link LambdaEnvironment}): {@code SLUICE_JOB_TYPE}, {@code SLUICE_APP} and the table names; every
 * catalogue override as its {@code SLUICE_<KEY>} variable, so the function applies the very overrides the stack
 * was derived from (a timeout the queues were sized for, a concurrency the mappings were split by); the handler's
 * own settings (for example {@code SLUICE_WEBHOOK_ALLOW_HOSTS}); and {@code JAVA_TOOL_OPTIONS}.
 *
 * <p>Handler settings may not replace what the stack sets, nor a catalogue setting (that must go through the
 * overrides, or the queues and the function would disagree), nor a variable Lambda reserves. A secret should not
 * be written here in clear: pass a CloudFormation dynamic reference such as
 * {@code {{resolve:secretsmanager:sluice/webhook:SecretString:secret}}}, which CloudFormation resolves at deploy time
 * so the value never appears in the template, {@code cdk.json} or the shell history.
 */
public record FunctionEnvironment(Map<String, String> variables) {
    /**
     * Start-up tuning: C1 compilation only, which AWS recommends for short-lived Lambda work; it roughly halves the
     * JIT's share of a cold start (and of a SnapStart restore's first requests) for a small loss of peak speed.
     */
    public static final String DEFAULT_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** Variables Lambda sets itself and refuses in a function's configuration. */
    private static final Set<String> LAMBDA_RESERVED = Set.of(
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_EXECUTION_ENV",
            "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_XRAY_CONTEXT_MISSING",
            "AWS_XRAY_DAEMON_ADDRESS",
            "AWS_XRAY_TRACING_NAME",
            "TZ");

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    /**
     * The environment of {@code type}'s function.
     *
     * @param overrides the catalogue overrides the stack applied to this type
     * @param handlerSettings the handler's own settings from context, checked as described above
     * @throws IllegalArgumentException naming the variable when a handler setting is not allowed
     */
    public static FunctionEnvironment of(
            String app, String type, JobOverrides overrides, Map<String, String> handlerSettings) {
        Map<String, String> env = new TreeMap<>(new LambdaEnvironment(app, type, overrides).variables());
        Set<String> managed = Set.copyOf(env.keySet());
        env.put(JAVA_TOOL_OPTIONS, DEFAULT_JAVA_TOOL_OPTIONS);
        for (Map.Entry<String, String> setting : new TreeMap<>(handlerSettings).entrySet()) {
            String name = setting.getKey();
            String problem = problem(name, managed);
            if (problem != null) {
                throw new IllegalArgumentException("setting " + name + " for job type '" + type + "': " + problem);
            }
            if (setting.getValue() == null) {
                throw new IllegalArgumentException("setting " + name + " for job type '" + type + "' has no value");
            }
            env.put(name, setting.getValue());
        }
        return new FunctionEnvironment(env);
    }

    private static String problem(String name, Set<String> managed) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "is not an environment variable name (a letter, then letters, digits or _)";
        }
        if (managed.contains(name)) {
            return "is set by the stack; it cannot be given as a setting";
        }
        Optional<String> setting = LambdaEnvironment.catalogueSetting(name);
        if (setting.isPresent()) {
            return "is the catalogue setting '" + setting.get()
                    + "'; give it in sluice:overrides so the queues and mappings follow it";
        }
        if (LAMBDA_RESERVED.contains(name) || name.startsWith("AWS_LAMBDA_") || name.startsWith("LAMBDA_")) {
            return "is reserved by Lambda";
        }
        return null;
    }
}
