package io.sluice.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips a Testcontainers suite, saying why, where no Docker engine is reachable (the CI machines have the
 * Docker client but no engine). Each test is reported as skipped with the reason, so the skip is visible
 * in the build output rather than silent.
 */
final class RequiresDocker implements ExecutionCondition {
    private static volatile Boolean available;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (dockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is reachable");
        }
        String reason = "no Docker engine is reachable, so the LocalStack suite cannot run here; "
                + "the same contract ran against the embedded ElasticMQ (ElasticMqEndToEndTest)";
        if (context.getTestMethod().isEmpty()) {
            System.out.println("[SKIPPED] " + context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    static boolean dockerAvailable() {
        if (available == null) {
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
        }
        return available;
    }
}
