package io.sluice.job;

import java.util.List;

/**
 * The checks a job type's payload must pass beyond its shape, run by the function before the handler and by the
 * producer client before it sends, so a payload the function would dead-letter as invalid is refused at the caller.
 * A validator needs no configuration and no secrets (it has a public no-argument constructor and keeps no state), so
 * a producer can run it without the handler's settings or its SDK clients. Every problem is one sentence that names
 * the field and the rule, never the field's value: problems end up in dead-letter attributes and logs.
 *
 * <p>Name it on {@link Job#validator()}, or put a class named {@code <Payload>Validator} beside a top-level payload
 * class ({@code WebhookPayload} → {@code WebhookPayloadValidator}) and the catalogue finds it by that name.
 *
 * @param <P> the payload class the job's handler takes
 */
public interface PayloadValidator<P> {
    /** The problems of {@code payload}; empty when it may run. */
    List<String> problems(P payload);

    /** A validator that accepts every payload that binds: for types whose payload record checks itself. */
    static <P> PayloadValidator<P> none() {
        return payload -> List.of();
    }
}
