package io.sluice.local.esm;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Builds the {@link SQSEvent} Lambda's poller would deliver for messages it received: the same record
 * fields, system attributes under their API names ({@code ApproximateReceiveCount}, {@code SentTimestamp},
 * {@code MessageGroupId}, ...) and message attributes in the event's camel-case shape.
 */
final class SqsEventTranslator {
    private final String queueArn;
    private final String region;

    SqsEventTranslator(String queueArn, String region) {
        this.queueArn = queueArn;
        this.region = region;
    }

    SQSEvent translate(List<Message> messages) {
        List<SQSMessage> records = new ArrayList<>(messages.size());
        for (Message m : messages) {
            SQSMessage record = new SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            Map<String, String> attributes = new HashMap<>(m.attributesAsStrings());
            record.setAttributes(attributes);
            Map<String, MessageAttribute> messageAttributes = new HashMap<>();
            for (Map.Entry<String, MessageAttributeValue> e :
                    m.messageAttributes().entrySet()) {
                MessageAttribute a = new MessageAttribute();
                a.setDataType(e.getValue().dataType());
                a.setStringValue(e.getValue().stringValue());
                if (e.getValue().binaryValue() != null) {
                    a.setBinaryValue(e.getValue().binaryValue().asByteBuffer());
                }
                messageAttributes.put(e.getKey(), a);
            }
            record.setMessageAttributes(messageAttributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
