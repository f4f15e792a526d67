package io.sluice.local.bench;

/**
 * One fresh JVM's figures, in milliseconds; the first two from the moment the JVM was started. {@code priming} is
 * the SnapStart hooks' time when the run was primed (then part of {@code firstDone}), else 0.
 */
public record ColdStartRun(
        double constructed, double firstDone, double init, double priming, double firstBatch, double warmBatch) {}
