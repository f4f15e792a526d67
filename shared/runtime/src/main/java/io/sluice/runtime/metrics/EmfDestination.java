package io.sluice.runtime.metrics;

import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * Decides where EMF documents go, once per JVM, before the first Powertools metrics instance exists.
 *
 * <p>Powertools writes through the aws-embedded-metrics library, which picks an "environment" and caches it
 * for the whole process (a static field of its {@code EnvironmentProvider}):
 * <ul>
 *   <li>{@code AWS_EMF_ENVIRONMENT} set ({@code Local}, {@code Lambda}, {@code Agent}, {@code EC2},
 *       {@code ECS}): that one. It is an environment variable only; the library reads no system property.</li>
 *   <li>otherwise on Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set): stdout, which Lambda ships to
 *       CloudWatch Logs, where the metrics are extracted.</li>
 *   <li>otherwise the library probes the EC2 and ECS metadata endpoints over HTTP and falls back to a
 *       CloudWatch agent over TCP on 127.0.0.1:25888. In sluice-local and in tests there is no agent, so
 *       every document would be dropped after a connection error.</li>
 * </ul>
 * So outside Lambda, unless the operator chose an environment, Sluice selects {@code Local}: one JSON line per
 * document on stdout, the same bytes Lambda would ship. It does so through the library's documented
 * programmatic configuration, {@link EnvironmentConfigurationProvider#getConfig()}.
 */
final class EmfDestination {
    static final String ENVIRONMENT_VARIABLE = "AWS_EMF_ENVIRONMENT";
    static final String LAMBDA_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

    private static boolean chosen;

    private EmfDestination() {}

    /** Chooses the destination on the first call; later calls change nothing (the library caches its choice). */
    static synchronized void chooseOnce(Map<String, String> env) {
        if (chosen) {
            return;
        }
        chosen = true;
        if (isBlank(env.get(ENVIRONMENT_VARIABLE)) && isBlank(env.get(LAMBDA_VARIABLE))) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
