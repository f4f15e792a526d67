package io.sluice.local;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The end-to-end contract against LocalStack's SQS and DynamoDB, through Testcontainers, with
 * sluice-local pointed at them by endpoint ({@code --sqs-endpoint}, {@code --dynamodb-endpoint}). Runs
 * wherever a Docker engine is reachable; elsewhere (the CI machines have only the Docker client) every
 * test is skipped with the reason. Exclude it on a Docker machine with {@code -DexcludedGroups=localstack}.
 */
@Tag("localstack")
@ExtendWith(RequiresDocker.class)
class LocalStackEndToEndTest extends EndToEndContract {
    /** A LocalStack release whose SQS supports the JSON protocol and redrive policies. */
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private LocalStackContainer localStack;

    @Override
    LocalHarness startHarness() {
        localStack = new LocalStackContainer(IMAGE).withServices("sqs", "dynamodb");
        localStack.start();
        return LocalHarness.startAgainst(localStack.getEndpoint(), localStack.getEndpoint(), TYPES, Map.of());
    }

    @AfterAll
    void stopLocalStack() {
        if (localStack != null) {
            localStack.stop();
        }
    }
}
