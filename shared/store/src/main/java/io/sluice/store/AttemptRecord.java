package io.sluice.store;

import java.time.Instant;

/**
 * One attempt of a job in its history: when it started and ended, how it ended
 * ({@code succeeded}, {@code failed}, {@code dead-lettered}, {@code duplicate-skipped}, or {@code null}
 * while it runs), and a short, secret-free error summary.
 */
public record AttemptRecord(int number, Instant startedAt, Instant endedAt, String outcome, String error) {}
