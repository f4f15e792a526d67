package io.sluice.local;

import io.sluice.topology.LambdaEnvironment;
import io.sluice.topology.SluiceEnvironment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment each of sluice-local's functions gets, as the stack's {@code FunctionEnvironment} gives it on
 * Lambda: the {@link LambdaEnvironment} of this runtime's app, and the handler settings (the process environment,
 * then {@code --config}). The {@code --set} overrides are not in it: they are applied once, to the catalogue the
 * queues were derived from and the functions are built from, so a function has nothing left to apply.
 */
final class FunctionEnvironments {
    private final LocalOptions options;

    FunctionEnvironments(LocalOptions options) {
        this.options = options;
    }

    /** The environment of {@code type}'s function, on top of {@code handlerSettings}. */
    Map<String, String> of(String type, Map<String, String> handlerSettings) {
        Map<String, String> environment = new HashMap<>(handlerSettings);
        // Only --set changes a catalogue setting, as only sluice:overrides does in the stack: the queues were derived
        // from those, and a SLUICE_MAX_ATTEMPTS left in the shell must not change the function without them.
        environment
                .keySet()
                .removeIf(name -> LambdaEnvironment.catalogueSetting(name).isPresent());
        environment.putAll(LambdaEnvironment.of(options.app(), type).variables());
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
