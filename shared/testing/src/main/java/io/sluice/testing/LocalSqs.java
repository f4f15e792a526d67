package io.sluice.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS (embedded ElasticMQ) on a free loopback port, a client for it, queues wired to a DLQ by a
 * redrive policy as the CDK app wires them, and the {@link SQSEvent} Lambda's poller would build from
 * received messages. Start one per test class.
 */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final SqsClient client;

    /** A queue and its dead-letter queue. */
    public record Queue(String url, String arn, String deadLetterUrl) {}

    private LocalSqs(SQSRestServer server, SqsClient client) {
        this.server = server;
        this.client = client;
    }

    public static LocalSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion("us-east-1")
                .withAWSAccountId("123456789012")
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new LocalSqs(server, client);
    }

    public SqsClient client() {
        return client;
    }

    /** A standard queue named {@code name} with {@code name-dlq} as its redrive target. */
    public Queue queue(String name, int maxReceiveCount) {
        String dlqUrl = client.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = arn(dlqUrl);
        String url = client.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + maxReceiveCount
                                        + "}")))
                .queueUrl();
        return new Queue(url, arn(url), dlqUrl);
    }

    /** Receives up to {@code max} messages with every attribute, as Lambda's poller asks for them. */
    public List<Message> receive(String url, int max, int waitSeconds) {
        return client.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** The event Lambda would deliver for these messages of the queue {@code arn}. */
    public static SQSEvent eventOf(String arn, List<Message> messages) {
        List<SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSMessage record = new SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setAttributes(new HashMap<>(m.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
            m.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType(value.dataType());
                a.setStringValue(value.stringValue());
                attributes.put(name, a);
            });
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(arn);
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private String arn(String url) {
        return client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
