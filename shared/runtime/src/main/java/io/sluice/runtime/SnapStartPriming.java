package io.sluice.runtime;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The CRaC resource Lambda SnapStart calls around its snapshot (through {@code org.crac}, which does nothing on a JVM
 * without CRaC): before the checkpoint it primes the function ({@link JobFunction#prime()}, side-effect free), after
 * each restore it makes again what restored environments must not share ({@link JobFunction#restored()}). Registered
 * by {@link SluiceHandler}'s Lambda constructor, during init; a failing priming is logged and never fails the
 * snapshot, since the function works unprimed, only slower on its first batch.
 */
final class SnapStartPriming implements Resource {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapStartPriming.class);

    private final JobFunction function;

    private SnapStartPriming(JobFunction function) {
        this.function = function;
    }

    /**
     * Registers priming for {@code function} with the global CRaC context. The context holds its resources weakly, so
     * the caller keeps the returned instance for the life of the function.
     */
    public static SnapStartPriming register(JobFunction function) {
        SnapStartPriming priming = new SnapStartPriming(function);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            Rehearsal.Report report = function.prime();
            LOG.info(
                    "primed before the snapshot: rehearsal outcome {}, {} AWS requests stopped before sending",
                    report.outcome(),
                    report.requestsStopped());
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the function works, its first batch after restore is slower", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        function.restored();
    }
}
