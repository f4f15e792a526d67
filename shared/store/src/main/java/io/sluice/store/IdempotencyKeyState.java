package io.sluice.store;

import java.util.Locale;

/**
 * The state ({@code idemState}) of an explicit idempotency key's own item, {@code KEY#<key>}, which locks
 * the key for the several job ids that share it (their histories stay on their own items). It has its
 * own three states, not a job's: a claim may take a key that is released, whose claim lapsed, or whose
 * success is older than the idempotency window.
 */
enum IdempotencyKeyState {
    /** An attempt holds the key's claim until {@code inProgressUntil}. */
    RUNNING,
    /** A job with the key succeeded; its result answers duplicates until {@code idemExpiresAt}. */
    SUCCEEDED,
    /** The holder's attempt ended without success (failed, deferred, dead-lettered); the key is free. */
    RELEASED;

    /** As stored in {@code idemState}: {@code running}, {@code succeeded}, {@code released}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
