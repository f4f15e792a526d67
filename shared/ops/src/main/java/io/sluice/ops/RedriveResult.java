package io.sluice.ops;

import java.util.List;

/**
 * What a redrive did. {@code moved} lists the dead letters sent back to their queue and then deleted from the
 * dead-letter queue (job id, or message id when the body never parsed); {@code failed} names the ones left where they
 * were, each with why. A whole-queue redrive hands the work to SQS's {@code StartMessageMoveTask}: {@code moveTasks}
 * holds the task handles and {@code moved} stays empty (SQS moves them in the background, about the
 * {@code approximateMessages} it counted).
 */
public record RedriveResult(
        String type, List<String> moved, List<String> failed, List<String> moveTasks, long approximateMessages) {
    public RedriveResult {
        moved = List.copyOf(moved);
        failed = List.copyOf(failed);
        moveTasks = List.copyOf(moveTasks);
    }
}
