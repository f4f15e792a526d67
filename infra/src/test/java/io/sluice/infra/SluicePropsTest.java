package io.sluice.infra;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.monitoring.AlarmSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every {@link SluiceProps} value is checked when the props are built; an error repeats the value and says what is allowed. */
class SluicePropsTest {
    static final Catalogue CATALOGUE =
            new Catalogue(List.of(job("webhook").build(), job("ledger").build()));

    static SluiceProps.Builder valid() {
        return SluiceProps.builder().catalogue(CATALOGUE).lambdaJar(Synthesized.JAR);
    }

    @Test
    void theCatalogueAndTheJarAreAllThatIsRequired() {
        SluiceProps props = valid().build();
        assertEquals("sluice", props.app());
        assertEquals(Map.of(), props.jobs());
        assertEquals(JobSettings.NONE, props.jobDefaults());
        assertNull(props.alarmEmail());
        assertEquals(List.of(), props.producerPrincipals());
        assertTrue(props.retainData());
    }

    @Test
    void aJobsTableIndexSluiceDoesNotDefineIsRefusedNamingTheOnesItDoes() {
        assertEquals(
                List.of("byState", "deadLetters", "byIdempotencyKey"),
                valid().build().jobsTableIndexes(),
                "by default this version's indexes");
        assertEquals(
                "jobs table index 'byType' is not one Sluice defines; it defines byState, deadLetters,"
                        + " byIdempotencyKey, byTypeState, failures",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().jobsTableIndexes(List.of("byState", "byType"))
                                        .build())
                        .getMessage());
    }

    @Test
    void anAppNameOutsideItsPatternIsRefusedWithTheNameAndThePattern() {
        for (String bad : List.of("Shop_1", "shop_1", "1shop", "-shop", "", "twenty-one-characters")) {
            assertEquals(
                    "app name '" + bad + "' must match [a-z][a-z0-9-]{0,19}",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> valid().app(bad).build())
                            .getMessage());
        }
        assertEquals(
                "twenty-characters-ok",
                valid().app("twenty-characters-ok").build().app(),
                "20 characters are allowed");
    }

    @Test
    void anAlarmAddressThatIsNoAddressIsRefusedWithTheValue() {
        assertEquals(
                "alarm e-mail 'ops at example' is not an address such as ops@example.com",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().alarmEmail("ops at example").build())
                        .getMessage());
        assertEquals(
                "ops@example.com",
                valid().alarmEmail(" ops@example.com ").build().alarmEmail());
    }

    @Test
    void aMissingCatalogueOrJarSaysWhatToGive() {
        assertEquals(
                "catalogue is required: Catalogue.load() reads the job types of the functions jar on the classpath",
                assertThrows(
                                NullPointerException.class,
                                () -> SluiceProps.builder()
                                        .lambdaJar(Synthesized.JAR)
                                        .build())
                        .getMessage());
        assertEquals(
                "lambdaJar is required: the folder of the function modules' shaded jars (infra/target/lambda)"
                        + " or one jar that holds every type",
                assertThrows(
                                NullPointerException.class,
                                () -> SluiceProps.builder().catalogue(CATALOGUE).build())
                        .getMessage());
        Path missing = Path.of("target/no-such.jar");
        assertEquals(
                "lambdaJar '" + missing.toAbsolutePath()
                        + "' is neither a jar nor a folder of jars; it must be a function module's shaded jar"
                        + " (<module>-<version>-lambda.jar) or the folder the infra build copies them to (target/lambda)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().lambdaJar(missing).build())
                        .getMessage());
    }

    @Test
    void settingsForATypeTheCatalogueDoesNotHaveAreRefusedNamingTheKnownTypes() {
        assertEquals(
                "job type 'webhok' in SluiceProps.jobs is not in the catalogue; the catalogue has: webhook, ledger",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().job(
                                                "webhok",
                                                JobSettings.builder()
                                                        .overrides(new JobOverrides(Map.of("concurrency", "20")))
                                                        .build())
                                        .build())
                        .getMessage());
        assertEquals(
                "job type '*' in SluiceProps.jobs is not in the catalogue; the catalogue has: webhook, ledger",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().jobs(Map.of("*", JobSettings.NONE))
                                        .build())
                        .getMessage(),
                "settings for every type go in jobDefaults");
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> valid().job(
                                        "tweet",
                                        JobSettings.builder()
                                                .alarms(AlarmSettings.NONE)
                                                .build())
                                .build())
                .getMessage()
                .startsWith("job type 'tweet' in SluiceProps.jobs"));
    }

    @Test
    void aTypeIsBuiltWithItsOwnSettingsOverThoseForEveryType() {
        SluiceProps props = valid().job(
                        "webhook",
                        JobSettings.builder()
                                .alarms(AlarmSettings.builder()
                                        .errorRatePercent(2)
                                        .build())
                                .build())
                .jobDefaults(JobSettings.builder()
                        .alarms(AlarmSettings.builder().errorRatePercent(5).build())
                        .build())
                .build();
        assertEquals(2.0, props.settingsOf("webhook").alarms().errorRatePercent());
        assertEquals(5.0, props.settingsOf("ledger").alarms().errorRatePercent());
    }
}
