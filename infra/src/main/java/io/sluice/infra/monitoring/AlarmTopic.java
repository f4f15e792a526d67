package io.sluice.infra.monitoring;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic {@code <app>-alarms} that every Sluice alarm notifies, with an e-mail subscription when an address
 * is given (AWS sends a confirmation message first). The topic is encrypted with a key of its own, with rotation:
 * the AWS-managed SNS key would not let CloudWatch publish. Only TLS requests are accepted, and only this account's
 * alarms of this app may publish.
 */
public final class AlarmTopic extends Construct {
    private final Topic topic;

    /** @param email where notifications go, or {@code null} for none (subscribe later) */
    public AlarmTopic(Construct scope, String id, String app, String email) {
        super(scope, id);
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts the " + app + " alarm notifications")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ServicePrincipal cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(cloudWatch))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                // In a key policy, "*" is this key.
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        topic = Topic.Builder.create(this, "Topic")
                .topicName(app + "-alarms")
                .displayName("Sluice " + app + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(cloudWatch))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike",
                                Map.of(
                                        "aws:SourceArn",
                                        "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                                + ":alarm:" + app + "-*")))
                .build());
        if (email != null && !email.isBlank()) {
            topic.addSubscription(new EmailSubscription(email.trim()));
        }
    }

    public Topic topic() {
        return topic;
    }
}
