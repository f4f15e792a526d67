package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobOverrides;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.job.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tweet type as the catalogue records it, and its limits overridden the way an environment does. */
class TweetCatalogueTest {
    private final JobDefinition tweet = Catalogue.load().require("tweet");

    @Test
    void theDefaultLimitsAreTheReplacedSystemsThreeAnHourTwentyADayTenMinutesApart() {
        assertEquals(new RateLimitSpec(0, 3, 20, Duration.ofMinutes(10), null), tweet.rateLimit());
        assertEquals(TweetJob.class.getName(), tweet.handlerClass());
        assertEquals(TweetPayload.class.getName(), tweet.payloadClass());
        assertEquals(List.of(Priority.HIGH, Priority.NORMAL), tweet.priorities());
    }

    @Test
    void anEnvironmentOverridesEachLimitAndZeroLiftsOne() {
        JobDefinition overridden = JobOverrides.fromEnvironment(Map.of(
                        "SLUICE_RATE_LIMIT_PER_HOUR",
                        "5",
                        "SLUICE_RATE_LIMIT_PER_DAY",
                        "0",
                        "SLUICE_RATE_LIMIT_MIN_INTERVAL",
                        "PT2M"))
                .applyTo(tweet);
        assertEquals(new RateLimitSpec(0, 5, 0, Duration.ofMinutes(2), null), overridden.rateLimit());
    }
}
