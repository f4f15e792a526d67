package io.sluice.envelope;

import java.nio.charset.StandardCharsets;

/**
 * How SQS counts a message against its size limit, and Sluice's budget within it. SQS counts the body and every
 * message attribute: its name, its data type and its value, in UTF-8 bytes (see
 * <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html">message
 * attributes</a>); ElasticMQ counts the body only, so Sluice checks every send it makes itself.
 *
 * <p>Sluice's queues keep SQS's default limit, {@value #QUEUE_LIMIT} bytes (queues may take up to 1 MiB, but
 * every 64 KiB counts as a request and a job's data belongs in a store it points to). The runtime adds attributes
 * when it dead-letters (reason, detail, source queue, attempts) or defers (not-before time, deferral tally) a job,
 * at most {@value #RUNTIME_RESERVE} bytes, so producers get {@value #PRODUCER_LIMIT} bytes for body and their own
 * attributes: a job that was accepted can always be dead-lettered or deferred with its reason.
 */
public final class MessageSize {
    /** The queues' {@code MaximumMessageSize}: SQS's default, 256 KiB. */
    public static final int QUEUE_LIMIT = 262_144;
    /** What the runtime's own attributes may take on a dead-letter or deferral copy. */
    public static final int RUNTIME_RESERVE = 4_096;
    /** What a producer's body and attributes may take together. */
    public static final int PRODUCER_LIMIT = QUEUE_LIMIT - RUNTIME_RESERVE;

    private MessageSize() {}

    /** The bytes SQS counts for a body. */
    public static int body(String body) {
        return body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The bytes SQS counts for one message attribute. */
    public static int attribute(String name, String dataType, String value) {
        return body(name) + body(dataType) + body(value);
    }
}
