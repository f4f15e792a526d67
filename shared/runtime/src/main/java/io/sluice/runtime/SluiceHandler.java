package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * The Lambda entry point of every Sluice function ({@value io.sluice.topology.SluiceEnvironment#HANDLER}).
 * The function's {@code SLUICE_JOB_TYPE} environment variable picks the job type from the catalogue; the
 * whole runtime is assembled in the constructor, during Lambda init, so SnapStart captures it and the
 * first batch pays no set-up cost. Either way the function is assembled by {@link JobFunction#from}: on Lambda from
 * the process environment, in sluice-local (one per emulated execution environment) from the environment map it
 * builds for the type, so the very same class and the same assembly run there.
 */
public final class SluiceHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final JobFunction function;
    /** Held here: the CRaC context holds its resources weakly. */
    private final SnapStartPriming priming;

    /**
     * Lambda's constructor: everything from the environment ({@link JobFunction#fromEnvironment()}), and SnapStart
     * priming registered ({@link SnapStartPriming}).
     */
    public SluiceHandler() {
        this.function = JobFunction.fromEnvironment();
        this.priming = SnapStartPriming.register(function);
    }

    /** A handler around a function assembled elsewhere (sluice-local, tests); no priming is registered. */
    public SluiceHandler(JobFunction function) {
        this.function = function;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return function.handle(event, context);
    }
}
