package io.sluice.functions;

import io.sluice.functions.testing.LambdaJarContract;
import java.util.List;
import java.util.Set;

/** The jobs module's deployment jar: {@link LambdaJarContract}, with the webhook type and no SDK client beyond the runtime's SQS and DynamoDB. */
class LambdaJarIT extends LambdaJarContract {
    @Override
    protected Set<String> types() {
        return Set.of("webhook");
    }

    @Override
    protected Set<String> packages() {
        return Set.of("webhook", "http");
    }

    @Override
    protected Set<String> ownDependencies() {
        return Set.of();
    }

    @Override
    protected List<String> classes() {
        return List.of("io.sluice.functions.webhook.WebhookJob");
    }
}
