package io.sluice.functions;

import io.sluice.functions.testing.LambdaJarContract;
import java.util.List;
import java.util.Set;

/** The tweet deployment jar: {@link LambdaJarContract}, with twitter-text and Secrets Manager, nothing of the other types. */
class LambdaJarIT extends LambdaJarContract {
    @Override
    protected Set<String> types() {
        return Set.of("tweet");
    }

    @Override
    protected Set<String> packages() {
        return Set.of("tweet", "secrets", "http");
    }

    @Override
    protected Set<String> ownDependencies() {
        return Set.of("AWS Secrets Manager (tweet, discord)", "twitter-text (tweet)");
    }

    @Override
    protected List<String> classes() {
        return List.of(
                "io.sluice.functions.tweet.TweetJob",
                "io.sluice.functions.secrets.AwsSecretSource",
                "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
                "com.twitter.twittertext.TwitterTextParser");
    }
}
