package io.sluice.runtime;

import io.sluice.catalogue.Catalogue;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.Excerpt;
import java.util.Optional;

/**
 * Refuses a job of another type: one sent to the wrong queue ({@code wrong-queue}), or of a type no catalogue knows
 * ({@code unknown-type}). Both are recorded under the id the job carries, so {@code jobs failures} counts what the DLQ
 * holds; that write takes no claim, so it never touches a job that runs or finished under that id.
 */
final class CheckType<P> implements PipelineStage<P> {
    private final String served;
    private final Catalogue catalogue;

    CheckType(String served, Catalogue catalogue) {
        this.served = served;
        this.catalogue = catalogue;
    }

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        String type = d.envelope.type();
        if (served.equals(type)) {
            return Optional.empty();
        }
        if (catalogue.find(type).isPresent()) {
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.WRONG_QUEUE,
                    "type '" + type + "' does not belong to this queue, which serves type '" + served + "'",
                    d.attempt,
                    d.before()));
        }
        return Optional.of(new MessageOutcome.DeadLetter(
                DeadLetterReason.UNKNOWN_TYPE,
                "type '" + Excerpt.of(type) + "' is not in the job catalogue; known types: "
                        + String.join(", ", catalogue.types()),
                d.attempt,
                d.before()));
    }
}
