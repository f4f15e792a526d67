package io.sluice.job;

/**
 * What a successful run reports: a short, human-readable summary for job history and logs (never a
 * secret, never a whole response body). Summaries longer than {@link #MAX_SUMMARY_LENGTH} characters are
 * cut.
 */
public record JobResult(String summary) {
    /** Longest summary kept. */
    public static final int MAX_SUMMARY_LENGTH = 256;

    public JobResult {
        summary = summary == null ? "" : summary;
        if (summary.length() > MAX_SUMMARY_LENGTH) {
            int end = MAX_SUMMARY_LENGTH - 1;
            if (Character.isHighSurrogate(summary.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            summary = summary.substring(0, end) + "…";
        }
    }

    /** A success with nothing to say. */
    public static JobResult ok() {
        return new JobResult("");
    }

    /** A success with a summary. */
    public static JobResult of(String summary) {
        return new JobResult(summary);
    }
}
