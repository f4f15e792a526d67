package io.sluice.runtime;

import io.sluice.job.JobDeferral;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;

/**
 * How a failure reads in history, logs and the dead-letter reason: the exception's class and message, or only the
 * message for the failures a handler throws on purpose (their message is the author's own words), cut to what an
 * SQS attribute and a history item hold.
 */
final class FailureText {
    private static final int MAX_ERROR = 500;

    private FailureText() {}

    static String summarise(Throwable e) {
        boolean authored =
                e instanceof PermanentJobFailure || e instanceof RetryableJobFailure || e instanceof JobDeferral;
        String text;
        if (e.getMessage() == null) {
            text = e.getClass().getSimpleName();
        } else {
            text = authored ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return SqsText.safe(text, MAX_ERROR);
    }
}
