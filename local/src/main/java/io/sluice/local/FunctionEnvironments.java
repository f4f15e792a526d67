package io.sluice.local;

import io.sluice.catalogue.JobOverrides;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment each of sluice-local's functions gets, as the stack's {@code FunctionEnvironment} gives it on
 * Lambda: the {@link SluiceEnvironment} names with this runtime's app and tables, the type's {@code --set}
 * overrides, and the handler settings (the process environment, then {@code --config}).
 */
final class FunctionEnvironments {
    private final LocalOptions options;
    private final TypeOverrides overrides;

    FunctionEnvironments(LocalOptions options, TypeOverrides overrides) {
        this.options = options;
        this.overrides = overrides;
    }

    /**
     * The environment of {@code type}'s function: the {@code --set} overrides as their {@code SLUICE_<KEY>}
     * variables. The function applies the overrides again to the runtime's catalogue, which already has them;
     * overrides set values, so that changes nothing (and an empty value, which removes a rate-limit key, is skipped
     * when read from an environment, leaving the key removed).
     */
    Map<String, String> of(String type, Map<String, String> handlerSettings) {
        Map<String, String> environment = new HashMap<>(handlerSettings);
        // Only --set changes a catalogue setting, as only sluice:overrides does in the stack: the queues were derived
        // from those, and a SLUICE_MAX_ATTEMPTS left in the shell must not change the function without them.
        JobOverrides.keys().forEach(key -> environment.remove(JobOverrides.environmentName(key)));
        environment.put(SluiceEnvironment.JOB_TYPE, type);
        environment.put(SluiceEnvironment.APP, options.app());
        environment.put(SluiceEnvironment.JOBS_TABLE, JobsTable.name(options.app()));
        environment.put(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(options.app()));
        overrides.of(type).values().forEach((key, value) -> environment.put(JobOverrides.environmentName(key), value));
        return environment;
    }

    /**
     * The handlers' settings: the process environment, then {@code --config} ({@code --allow-host} entries added to
     * {@code SLUICE_WEBHOOK_ALLOW_HOSTS} there). No loopback target is allowed unless named; whatever is allowed,
     * {@code SLUICE_WEBHOOK_REFUSE_PORTS} closes {@code ownPorts}, so a webhook job can never pause a type through
     * the Jobs API or write to DynamoDB's port. {@code SLUICE_HISTORY_RETENTION} and
     * {@code SLUICE_IDEMPOTENCY_WINDOW} are read from here too.
     */
    Map<String, String> handlerSettings(Set<Integer> ownPorts) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        // EMF documents go to stdout outside Lambda, where they would bury up's and the demo's output; the same code
        // path publishes them when asked (SLUICE_METRICS=on in the environment or with --config).
        settings.putIfAbsent(SluiceEnvironment.METRICS, "off");
        settings.putAll(options.config());
        Set<String> refused = new LinkedHashSet<>();
        String asked = settings.get("SLUICE_WEBHOOK_REFUSE_PORTS");
        if (asked != null && !asked.isBlank()) {
            refused.addAll(Arrays.asList(asked.split("\\s*,\\s*")));
        }
        ownPorts.forEach(p -> refused.add(Integer.toString(p)));
        settings.put("SLUICE_WEBHOOK_REFUSE_PORTS", String.join(",", refused));
        return settings;
    }
}
