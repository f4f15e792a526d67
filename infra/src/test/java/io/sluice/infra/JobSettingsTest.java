package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.jobs.ExtraGrant;
import io.sluice.infra.monitoring.AlarmSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
    static final ExtraGrant SES = new ExtraGrant(
            List.of("ses:SendEmail"), List.of("arn:aws:ses:eu-west-1:123456789012:identity/example.com"));
    static final ExtraGrant SQS =
            new ExtraGrant(List.of("sqs:SendMessage"), List.of("arn:aws:sqs:eu-west-1:123456789012:audit"));

    @Test
    void nothingGivenIsNoSettingAtAll() {
        JobSettings none = JobSettings.builder().build();
        assertEquals(JobSettings.NONE, none);
        assertEquals(JobOverrides.NONE, none.overrides());
        assertEquals(Map.of(), none.environment());
        assertEquals(AlarmSettings.NONE, none.alarms());
        assertEquals(List.of(), none.secrets());
        assertEquals(List.of(), none.grants());
    }

    @Test
    void aTypesOwnValuesWinOverTheDefaultsAndSecretsAndGrantsAddUp() {
        JobSettings defaults = JobSettings.builder()
                .overrides(new JobOverrides(Map.of("maxAttempts", "8", "memoryMb", "1024")))
                .environment(Map.of("SLUICE_OWNER", "payments", "SLUICE_REGION_LABEL", "eu"))
                .alarms(new AlarmSettings(Duration.ofMinutes(20), 5.0))
                .secrets(List.of("sluice/shared"))
                .grants(List.of(SQS))
                .build();
        JobSettings own = JobSettings.builder()
                .overrides(new JobOverrides(Map.of("maxAttempts", "3")))
                .environment(Map.of("SLUICE_OWNER", "hooks"))
                .alarms(AlarmSettings.builder().errorRatePercent(2).build())
                .secrets(List.of("sluice/webhook", "sluice/shared"))
                .grants(List.of(SES))
                .build();
        JobSettings merged = own.withDefaults(defaults);
        assertEquals(new JobOverrides(Map.of("maxAttempts", "3", "memoryMb", "1024")), merged.overrides());
        assertEquals(Map.of("SLUICE_OWNER", "hooks", "SLUICE_REGION_LABEL", "eu"), merged.environment());
        assertEquals(new AlarmSettings(Duration.ofMinutes(20), 2.0), merged.alarms());
        assertEquals(List.of("sluice/shared", "sluice/webhook"), merged.secrets());
        assertEquals(List.of(SQS, SES), merged.grants());
        assertEquals(JobSettings.NONE, JobSettings.NONE.withDefaults(JobSettings.NONE));
    }
}
