package io.sluice.infra.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretArnTest {
    @Test
    void aNameMatchesThatSecretsArnWithItsSixRandomCharacters() {
        String arn = JobLambda.secretArn("tweet", "sluice/x-credentials");
        assertTrue(
                arn.endsWith(":secretsmanager:" + software.amazon.awscdk.Aws.REGION + ":"
                        + software.amazon.awscdk.Aws.ACCOUNT_ID + ":secret:sluice/x-credentials-??????"),
                arn);
    }

    @Test
    void anArnIsTakenAsItIs() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sluice/x-credentials-a1B2c3";
        assertEquals(arn, JobLambda.secretArn("tweet", " " + arn + " "));
    }

    @Test
    void anythingElseIsRefusedNamingTheSecretAndType() {
        assertEquals(
                "secret 'x credentials' of job type 'tweet' must be a Secrets Manager secret name (1 to 512 of A-Z a-z 0-9 / _ + = . @ -)"
                        + " or a secret ARN",
                assertThrows(IllegalArgumentException.class, () -> JobLambda.secretArn("tweet", "x credentials"))
                        .getMessage());
    }
}
