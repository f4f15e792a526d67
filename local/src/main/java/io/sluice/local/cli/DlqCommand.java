package io.sluice.local.cli;

import picocli.CommandLine.Command;

/**
 * {@code dlq list | show | redrive | discard}: a type's dead-letter queues, read without consuming them, redriven
 * back to their queues with a fresh attempt budget, or discarded with a record in history.
 */
@Command(
        name = "dlq",
        description =
                "Dead letters: list and show without consuming, redrive (all, by reason, by id, by age), discard.",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRedriveCommand.class, DlqDiscardCommand.class})
public final class DlqCommand {}
