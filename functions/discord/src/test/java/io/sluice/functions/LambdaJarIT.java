package io.sluice.functions;

import io.sluice.functions.testing.LambdaJarContract;
import java.util.List;
import java.util.Set;

/** The discord deployment jar: {@link LambdaJarContract}, with Secrets Manager, nothing of the other types. */
class LambdaJarIT extends LambdaJarContract {
    @Override
    protected Set<String> types() {
        return Set.of("discord");
    }

    @Override
    protected Set<String> packages() {
        return Set.of("discord", "secrets", "http");
    }

    @Override
    protected Set<String> ownDependencies() {
        return Set.of("AWS Secrets Manager (tweet, discord)");
    }

    @Override
    protected List<String> classes() {
        return List.of("io.sluice.functions.discord.DiscordJob", "io.sluice.functions.secrets.AwsSecretSource");
    }
}
