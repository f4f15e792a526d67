package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.monitoring.AlarmSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Context as cdk.json gives it (JSON objects) and as {@code -c key=value} gives it (text), read into stack settings. */
class SluiceContextTest {
    static final Catalogue CATALOGUE =
            new Catalogue(List.of(job("webhook").concurrency(4).build()));
    static final Path JAR = Synthesized.standInJar();

    static SluiceProps read(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.put(SluiceContext.LAMBDA_JAR, JAR.toString());
        return new SluiceContext(Synthesized.app(all).getNode()).props(CATALOGUE);
    }

    @Test
    void nothingGivenMeansTheDefaults() {
        SluiceProps props = read(Map.of());
        assertEquals("sluice", props.app());
        assertEquals(Map.of(), props.jobs());
        assertEquals(JobSettings.NONE, props.jobDefaults());
        assertEquals(List.of(), props.producerPrincipals());
        assertNull(props.alarmEmail());
        assertTrue(props.retainData());
        assertEquals(JAR, props.lambdaJar());
    }

    @Test
    void theJobsTableIndexesComeAsCommaSeparatedTextFromTheCommandLine() {
        assertEquals(
                List.of("byTypeState", "failures", "byState"),
                read(Map.of(SluiceContext.JOBS_TABLE_INDEXES, "byTypeState, failures,byState"))
                        .jobsTableIndexes());
        assertEquals(
                List.of("byState", "deadLetters", "byIdempotencyKey"),
                read(Map.of()).jobsTableIndexes());
    }

    @Test
    void valuesFromCdkJsonArriveAsJsonObjects() {
        SluiceProps props = read(Map.of(
                SluiceContext.APP, "shop",
                SluiceContext.OVERRIDES, Map.of("webhook", Map.of("concurrency", 20, "timeout", "PT60S")),
                SluiceContext.ENVIRONMENT, Map.of("webhook", Map.of("SLUICE_WEBHOOK_ALLOW_HOSTS", "a.example.com")),
                SluiceContext.ALARMS, Map.of("*", Map.of("errorRatePercent", 2.5)),
                SluiceContext.ALARM_EMAIL, "ops@example.com",
                SluiceContext.SECRETS, Map.of("webhook", List.of("sluice/webhook-signing")),
                SluiceContext.PRODUCER_PRINCIPALS, List.of("123456789012"),
                SluiceContext.RETAIN_DATA, false));
        assertEquals("shop", props.app());
        JobSettings webhook = props.jobs().get("webhook");
        assertEquals(new JobOverrides(Map.of("concurrency", "20", "timeout", "PT60S")), webhook.overrides());
        assertEquals(Map.of("SLUICE_WEBHOOK_ALLOW_HOSTS", "a.example.com"), webhook.environment());
        assertEquals(
                AlarmSettings.builder().errorRatePercent(2.5).build(),
                props.jobDefaults().alarms());
        assertEquals(AlarmSettings.NONE, webhook.alarms());
        assertEquals("ops@example.com", props.alarmEmail());
        assertEquals(Set.of("webhook"), props.jobs().keySet());
        assertEquals(List.of("sluice/webhook-signing"), webhook.secrets());
        assertEquals(List.of("123456789012"), props.producerPrincipals());
        assertFalse(props.retainData());
    }

    @Test
    void valuesFromTheCommandLineArriveAsText() {
        SluiceProps props = read(Map.of(
                SluiceContext.OVERRIDES, "{\"webhook\": {\"maxAttempts\": 8}}",
                SluiceContext.PRODUCER_PRINCIPALS, "123456789012, arn:aws:iam::123456789012:role/orders",
                SluiceContext.SECRETS, "{\"webhook\": \"sluice/webhook-signing\"}",
                SluiceContext.RETAIN_DATA, "false"));
        assertEquals(
                new JobOverrides(Map.of("maxAttempts", "8")),
                props.jobs().get("webhook").overrides());
        assertEquals(Set.of("webhook"), props.jobs().keySet());
        assertEquals(
                List.of("sluice/webhook-signing"), props.jobs().get("webhook").secrets());
        assertEquals(List.of("123456789012", "arn:aws:iam::123456789012:role/orders"), props.producerPrincipals());
        assertFalse(props.retainData());
    }

    @Test
    void malformedValuesAreRefusedNamingTheKey() {
        assertTrue(message(Map.of(SluiceContext.OVERRIDES, "{\"webhook\": "))
                .startsWith("sluice:overrides is not valid JSON: "));
        assertEquals(
                "sluice:overrides.webhook: unknown override retries='3'; known: "
                        + String.join(", ", JobOverrides.keys()),
                message(Map.of(SluiceContext.OVERRIDES, "{\"webhook\": {\"retries\": 3}}")));
        assertEquals(
                "sluice:overrides must be a JSON object of job types, such as {\"webhook\": {...}}, was [1]",
                message(Map.of(SluiceContext.OVERRIDES, "[1]")));
        assertEquals(
                "sluice:retainData must be true or false, was yes", message(Map.of(SluiceContext.RETAIN_DATA, "yes")));
        assertEquals(
                "sluice:grants.webhook: grant resource '*' must be an ARN such as arn:aws:ses:eu-west-1:123456789012:identity/example.com;"
                        + " \"*\" is refused (least privilege)",
                message(Map.of(
                        SluiceContext.GRANTS,
                        "{\"webhook\": [{\"actions\": [\"ses:SendEmail\"], \"resources\": [\"*\"]}]}")));
        assertEquals(
                "sluice:grants.webhook: grant action 'ses:*' must be one service:Action such as ses:SendEmail (no wildcards)",
                message(Map.of(
                        SluiceContext.GRANTS,
                        "{\"webhook\": [{\"actions\": \"ses:*\", \"resources\": \"arn:aws:ses:x\"}]}")));
        assertEquals(
                "sluice:alarms.webhook.oldestMessageAge='30 minutes' is not an ISO-8601 duration such as PT30M",
                message(Map.of(SluiceContext.ALARMS, "{\"webhook\": {\"oldestMessageAge\": \"30 minutes\"}}")));
    }

    @Test
    void aJobTypeTheCatalogueDoesNotHaveIsRefusedNamingTheKeyAndTheTypes() {
        assertEquals(
                "job type 'webhok' in sluice:overrides is not in the catalogue; the catalogue has: webhook",
                message(Map.of(SluiceContext.OVERRIDES, "{\"webhok\": {\"concurrency\": 20}}")));
        assertEquals(
                "job type 'tweet' in sluice:alarms is not in the catalogue; the catalogue has: webhook",
                message(Map.of(SluiceContext.ALARMS, "{\"tweet\": {\"errorRatePercent\": 5}}")));
        assertEquals(
                "job type '*' in sluice:secrets is not in the catalogue; the catalogue has: webhook",
                message(Map.of(SluiceContext.SECRETS, "{\"*\": [\"sluice/shared\"]}")));
    }

    @Test
    void grantsArriveAsActionsAndResourcesPerType() {
        SluiceProps props = read(Map.of(
                SluiceContext.GRANTS,
                "{\"webhook\": [{\"actions\": [\"ses:SendEmail\"],"
                        + " \"resources\": [\"arn:aws:ses:eu-west-1:123456789012:identity/example.com\"]}]}"));
        assertEquals(Set.of("webhook"), props.jobs().keySet());
        assertEquals(
                List.of(new io.sluice.infra.jobs.ExtraGrant(
                        List.of("ses:SendEmail"), List.of("arn:aws:ses:eu-west-1:123456789012:identity/example.com"))),
                props.jobs().get("webhook").grants());
    }

    @Test
    void aMissingLambdaJarSaysHowToBuildIt() {
        Map<String, Object> context = Map.of(SluiceContext.LAMBDA_JAR, "target/no-such.jar");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SluiceContext(Synthesized.app(context).getNode()).props(CATALOGUE));
        assertTrue(
                e.getMessage().startsWith("sluice:lambdaJar: no Lambda jar at ")
                        && e.getMessage()
                                .endsWith("; build it first with `mvn -B -DskipTests package` in the repository root"),
                e.getMessage());
    }

    private static String message(Map<String, Object> context) {
        return assertThrows(IllegalArgumentException.class, () -> read(context)).getMessage();
    }
}
