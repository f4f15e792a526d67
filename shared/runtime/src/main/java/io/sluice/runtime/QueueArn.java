package io.sluice.runtime;

/**
 * An SQS queue ARN, {@code arn:<partition>:sqs:<region>:<account>:<name>}. FIFO-ness is read from the
 * name's {@code .fifo} suffix, which AWS requires of every FIFO queue; a message's {@code MessageGroupId}
 * is not evidence, since fair standard queues carry group ids too.
 */
public record QueueArn(String partition, String region, String account, String name) {

    public static QueueArn parse(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0]) || !"sqs".equals(parts[2]) || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an SQS queue ARN: '" + arn + "'");
        }
        return new QueueArn(parts[1], parts[3], parts[4], parts[5]);
    }

    /** The priority a Sluice queue name ends with ({@code sluice-webhook-high}), if it has one. */
    public java.util.Optional<io.sluice.job.Priority> priority() {
        String base = isFifo() ? name.substring(0, name.length() - ".fifo".length()) : name;
        for (io.sluice.job.Priority p : io.sluice.job.Priority.values()) {
            if (base.endsWith("-" + p.wireName())) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean isFifo() {
        return name.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":sqs:" + region + ":" + account + ":" + name;
    }
}
