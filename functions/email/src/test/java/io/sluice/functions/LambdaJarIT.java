package io.sluice.functions;

import io.sluice.functions.testing.LambdaJarContract;
import java.util.List;
import java.util.Set;

/** The email deployment jar: {@link LambdaJarContract}, with Amazon SES v2, nothing of the other types. */
class LambdaJarIT extends LambdaJarContract {
    @Override
    protected Set<String> types() {
        return Set.of("email");
    }

    @Override
    protected Set<String> packages() {
        return Set.of("email");
    }

    @Override
    protected Set<String> ownDependencies() {
        return Set.of("Amazon SES v2 (email)");
    }

    @Override
    protected List<String> classes() {
        return List.of(
                "io.sluice.functions.email.EmailJob",
                "software.amazon.awssdk.services.sesv2.SesV2Client",
                "software.amazon.awssdk.services.sesv2.model.MessageRejectedException");
    }
}
