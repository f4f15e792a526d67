package io.sluice.ops.http;

/**
 * The body of every error the Jobs API returns: {@code error} is a stable word a script can branch on
 * ({@code invalid}, {@code not-found}, {@code conflict}, {@code unavailable}, {@code method-not-allowed},
 * {@code too-large}, {@code internal}), {@code message} says what was wrong and what would be right.
 */
public record ApiError(String error, String message) {}
