package io.sluice.functions.tweet;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Fresh OAuth nonces: 128 random bits as 32 hex characters. The generator is created on first use, which is
 * after a SnapStart restore (no job runs during init), so environments restored from one snapshot never
 * share a random state and never send the same nonce; X refuses a nonce it has seen with the same timestamp.
 */
public final class OAuthNonce implements Supplier<String> {
    private volatile SecureRandom random;

    @Override
    public String get() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (this) {
                if (random == null) {
                    random = new SecureRandom();
                }
                r = random;
            }
        }
        byte[] bytes = new byte[16];
        r.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
