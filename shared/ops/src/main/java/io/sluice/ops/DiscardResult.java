package io.sluice.ops;

import java.util.List;

/**
 * What a discard did: {@code discarded} lists the dead letters deleted for good (job id, or message id when the body
 * never parsed), {@code recorded} the job ids whose history now carries the discard, and {@code failed} the ones left
 * in the queue, each with why. A dead letter without a history item (never parsed, or history expired) is discarded
 * without a record; the operation log is then the only trace, which is why the CLI asks first.
 */
public record DiscardResult(String type, List<String> discarded, List<String> recorded, List<String> failed) {
    public DiscardResult {
        discarded = List.copyOf(discarded);
        recorded = List.copyOf(recorded);
        failed = List.copyOf(failed);
    }
}
