package io.sluice.functions.tweet;

import io.sluice.functions.http.LoopbackHost;
import io.sluice.job.JobConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where tweets go and with which credentials, from the function's configuration:
 * {@code SLUICE_TWEET_BASE_URL} (default {@code https://api.x.com}; tweets are posted to {@code <base>/2/tweets})
 * and {@code SLUICE_TWEET_CREDENTIALS_SECRET} (default {@code sluice/x-credentials}), the name of the secret
 * holding the {@link OAuthCredentials}. The base URL must be {@code https}, except on a loopback host, so a
 * local stand-in can run without TLS while a misconfigured deployment can never send tokens in clear text.
 *
 * @param baseUrl the X API's base URL, without a trailing slash
 * @param credentialsSecret the secret's name or ARN
 */
public record TweetSettings(URI baseUrl, String credentialsSecret) {
    public static final String BASE_URL_KEY = "SLUICE_TWEET_BASE_URL";
    public static final String CREDENTIALS_SECRET_KEY = "SLUICE_TWEET_CREDENTIALS_SECRET";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.com");
    public static final String DEFAULT_CREDENTIALS_SECRET = "sluice/x-credentials";
    /** The create-post endpoint, relative to the base URL. */
    public static final String TWEETS_PATH = "/2/tweets";

    /**
     * Reads both keys.
     *
     * @throws IllegalArgumentException naming the key and the bad value, so a misconfigured function fails at cold start
     */
    public static TweetSettings from(JobConfig config) {
        URI base =
                config.get(BASE_URL_KEY).map(text -> parseBaseUrl(text.trim())).orElse(DEFAULT_BASE_URL);
        return new TweetSettings(
                base,
                config.get(CREDENTIALS_SECRET_KEY, DEFAULT_CREDENTIALS_SECRET).trim());
    }

    /** {@code <base>/2/tweets}. */
    public URI tweetsEndpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TWEETS_PATH);
    }

    private static URI parseBaseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    BASE_URL_KEY + ": '" + text + "' is not a URL such as https://api.x.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    BASE_URL_KEY + ": '" + text + "' must be an absolute https URL such as https://api.x.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    BASE_URL_KEY + ": '" + text + "' may not carry a query, fragment or user info");
        }
        if (scheme.equals("http") && !LoopbackHost.is(uri.getHost())) {
            throw new IllegalArgumentException(
                    BASE_URL_KEY + ": '" + text + "' must use https; plain http is allowed only for a loopback host");
        }
        return uri;
    }
}
