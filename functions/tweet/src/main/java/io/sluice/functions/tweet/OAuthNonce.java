package io.sluice.functions.tweet;

import io.sluice.runtime.SnapSafeRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Fresh OAuth nonces: 128 random bits as 32 hex characters, from {@link SnapSafeRandom}, so environments restored
 * from one SnapStart snapshot never share a random state and never send the same nonce; X refuses a nonce it
 * has seen with the same timestamp.
 */
public final class OAuthNonce implements Supplier<String> {
    private final SnapSafeRandom random = new SnapSafeRandom();

    @Override
    public String get() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
