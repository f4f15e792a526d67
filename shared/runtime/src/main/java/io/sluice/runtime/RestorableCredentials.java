package io.sluice.runtime;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * A function's AWS credentials: the SDK's default chain, replaced by a new chain after a SnapStart restore. Priming
 * signs requests, so the snapshot holds credentials the chain resolved then; every environment restored from it
 * would start with those cached (possibly near expiry) credentials and the chain's cached choice of provider. A new
 * chain after restore resolves them afresh in each environment, from what Lambda gave that one.
 */
final class RestorableCredentials implements AwsCredentialsProvider {
    private final AtomicReference<DefaultCredentialsProvider> chain = new AtomicReference<>(newChain());

    @Override
    public AwsCredentials resolveCredentials() {
        return chain.get().resolveCredentials();
    }

    /** Drops what the chain cached; the next request resolves credentials again. */
    public void refresh() {
        chain.getAndSet(newChain()).close();
    }

    private static DefaultCredentialsProvider newChain() {
        // builder().build(), not create(): create() hands out one shared instance, which refresh() must not close.
        return DefaultCredentialsProvider.builder().build();
    }
}
