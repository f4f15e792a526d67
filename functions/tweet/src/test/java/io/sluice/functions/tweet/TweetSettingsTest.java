package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.JobConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TweetSettingsTest {

    private static TweetSettings base(String url) {
        return TweetSettings.from(JobConfig.fromMap(Map.of(TweetSettings.BASE_URL_KEY, url)));
    }

    @Test
    void theEndpointIsTheBaseUrlPlusTwoTweetsKeepingAnyPathPrefix() {
        assertEquals(
                "https://x.example/proxy/2/tweets",
                base("https://x.example/proxy/").tweetsEndpoint().toString());
        assertEquals(
                "http://127.0.0.1:8123/2/tweets",
                base("http://127.0.0.1:8123").tweetsEndpoint().toString());
        assertEquals(
                "http://localhost:8123/2/tweets",
                base("http://localhost:8123").tweetsEndpoint().toString());
        assertEquals(
                "http://[::1]:8123/2/tweets",
                base("http://[::1]:8123").tweetsEndpoint().toString());
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopbackSoTokensNeverTravelInClearText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base("http://api.x.com"));
        assertEquals(
                "SLUICE_TWEET_BASE_URL: 'http://api.x.com' must use https; plain http is allowed only for a loopback host",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base("http://10.0.0.8:8080"));
    }

    @Test
    void aMalformedBaseUrlIsNamed() {
        assertEquals(
                "SLUICE_TWEET_BASE_URL: 'api.x.com' must be an absolute https URL such as https://api.x.com",
                assertThrows(IllegalArgumentException.class, () -> base("api.x.com"))
                        .getMessage());
        assertEquals(
                "SLUICE_TWEET_BASE_URL: 'https://api.x.com?a=b' may not carry a query, fragment or user info",
                assertThrows(IllegalArgumentException.class, () -> base("https://api.x.com?a=b"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> base("ftp://api.x.com"));
    }

    @Test
    void theCredentialsSecretNameIsConfigurable() {
        assertEquals(
                "prod/x-account",
                TweetSettings.from(JobConfig.fromMap(Map.of(TweetSettings.CREDENTIALS_SECRET_KEY, " prod/x-account ")))
                        .credentialsSecret());
    }
}
