package io.sluice.ops;

/** A type's status and its last hour per minute, read together ({@link SluiceOperations#overview()}). */
public record TypeOverview(TypeStatus status, Activity activity) {}
