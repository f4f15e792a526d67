package io.sluice.functions.tweet;

import io.sluice.job.PermanentJobFailure;

/**
 * X refused the post as a duplicate of one the account already made. On a job's first attempt that is a real
 * duplicate (permanent); on a later attempt it is most likely this job's own earlier attempt, whose answer was
 * lost to a timeout after X had posted, which {@link TweetJob} counts as done.
 */
public final class DuplicateContent extends PermanentJobFailure {
    public DuplicateContent(String message) {
        super(message);
    }
}
