package io.sluice.ops;

import java.util.List;

/**
 * The dead letters of a type a listing found, oldest first, with how many each queue holds as SQS counts them.
 * {@code truncated} says the listing stopped at its limit (or SQS held some messages back, as it does with messages
 * another reader holds invisible) before it saw them all.
 */
public record DeadLetterPage(String type, List<DeadLetter> deadLetters, long approximateTotal, boolean truncated) {
    public DeadLetterPage {
        deadLetters = List.copyOf(deadLetters);
    }
}
