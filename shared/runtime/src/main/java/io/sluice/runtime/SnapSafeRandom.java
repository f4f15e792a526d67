package io.sluice.runtime;

import java.security.SecureRandom;
import java.util.function.DoubleSupplier;

/**
 * Randomness (retry jitter, nonces) that differs between execution environments restored from one SnapStart snapshot.
 * {@code ThreadLocalRandom} seeds from state captured in the snapshot, so every restored environment would
 * draw the same "random" delays and retry in lock-step, defeating jitter. The generator is created on
 * first use, which is after restore (no job runs during init), from {@link SecureRandom}, which AWS keeps
 * unique across restores.
 */
public final class SnapSafeRandom implements DoubleSupplier {
    private volatile SecureRandom random;

    @Override
    public double getAsDouble() {
        return generator().nextDouble();
    }

    /**
     * Forgets the generator, so the next draw makes a new one: called after a SnapStart restore
     * ({@link JobFunction#restored()}), in case anything drew from it before the snapshot.
     */
    public void reset() {
        synchronized (this) {
            random = null;
        }
    }

    /** Fills {@code bytes} with random bytes. */
    public void nextBytes(byte[] bytes) {
        generator().nextBytes(bytes);
    }

    private SecureRandom generator() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (this) {
                if (random == null) {
                    random = new SecureRandom();
                }
                r = random;
            }
        }
        return r;
    }
}
