package io.sluice.functions.tweet;

import io.sluice.job.PermanentJobFailure;

/**
 * X answered 401: the credentials were refused. Permanent for the credentials {@link TweetJob} used, unless they
 * were rotated in Secrets Manager after being cached, which {@link TweetJob} checks before giving up.
 */
public final class CredentialsRefused extends PermanentJobFailure {
    public CredentialsRefused(String message) {
        super(message);
    }
}
