package io.sluice.functions.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.http.LoopbackHost;
import io.sluice.functions.secrets.SecretNotFoundException;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.secrets.SecretUnavailableException;
import io.sluice.job.JobConfig;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the Discord webhook URL of a channel name. The URLs live in one secret (Secrets Manager on AWS, the
 * secrets file in sluice-local; see {@link SecretSource}), a JSON object from channel name to the webhook URL
 * as Discord shows it:
 *
 * <pre>{@code
 * {"alerts": "https://discord.com/api/webhooks/123456789012345678/AbC...", "releases": "https://discord.com/api/webhooks/..."}
 * }</pre>
 *
 * <p>One secret rather than one per channel: one read (cached) serves every channel, adding a channel is an
 * edit, and it costs one secret. A webhook URL is a credential (anyone holding it can post), so it never
 * travels in a payload and never appears in a message: errors name the channel, the secret and at most the
 * URL's host.
 *
 * <p>Configuration: {@code SLUICE_DISCORD_WEBHOOKS_SECRET}, the secret's name or ARN (default
 * {@value #DEFAULT_SECRET}); {@code SLUICE_DISCORD_HOSTS}, comma-separated host names a webhook URL may point
 * at (default {@code discord.com, discordapp.com, ptb.discord.com, canary.discord.com}; sluice-local and tests
 * add {@code 127.0.0.1} for a stand-in). URLs must be {@code https}, except to a loopback address, and have
 * Discord's webhook path, {@code /api[/v<n>]/webhooks/<id>/<token>}, optionally with a query such as
 * {@code ?thread_id=...}. A secret that breaks a rule dead-letters the job naming the rule; fix the secret
 * and redrive.
 */
public final class DiscordWebhooks {
    public static final String SECRET_KEY = "SLUICE_DISCORD_WEBHOOKS_SECRET";
    public static final String DEFAULT_SECRET = "sluice/discord-webhooks";
    public static final String HOSTS_KEY = "SLUICE_DISCORD_HOSTS";
    public static final List<String> DEFAULT_HOSTS =
            List.of("discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com");

    private static final Pattern WEBHOOK_PATH = Pattern.compile("/api(/v\\d+)?/webhooks/\\d+/[A-Za-z0-9_.-]+/?");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]+");

    private final SecretSource secrets;
    private final String secretName;
    private final Set<String> hosts;

    DiscordWebhooks(SecretSource secrets, String secretName, Set<String> hosts) {
        this.secrets = secrets;
        this.secretName = secretName;
        this.hosts = Collections.unmodifiableSet(new TreeSet<>(hosts));
    }

    /**
     * Reads both keys.
     *
     * @throws IllegalArgumentException naming the key when a host entry is malformed
     */
    public static DiscordWebhooks from(JobConfig config, SecretSource secrets) {
        String name = config.get(SECRET_KEY, DEFAULT_SECRET).trim();
        Set<String> hosts = new TreeSet<>();
        List<String> entries =
                config.get(HOSTS_KEY).map(v -> Arrays.asList(v.split(","))).orElse(DEFAULT_HOSTS);
        for (String entry : entries) {
            String host = entry.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(
                        HOSTS_KEY + ": '" + entry.trim() + "' is not a host name or IP address");
            }
            hosts.add(host);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(HOSTS_KEY + ": names no host; leave it unset for Discord's own hosts");
        }
        return new DiscordWebhooks(secrets, name, hosts);
    }

    /** The secret the URLs are read from. */
    public String secretName() {
        return secretName;
    }

    /**
     * The webhook URL configured for {@code channel}.
     *
     * @throws PermanentJobFailure when the secret does not exist, is not a JSON object of strings, has no such
     *     channel, or holds a URL that breaks the rules above
     * @throws RetryableJobFailure when the secret could not be read now (network, permissions, throttling)
     */
    public URI url(String channel) throws PermanentJobFailure, RetryableJobFailure {
        return url(channel, false);
    }

    /** {@link #url(String)} read from the store past any cache: for a webhook Discord has just refused. */
    public URI freshUrl(String channel) throws PermanentJobFailure, RetryableJobFailure {
        return url(channel, true);
    }

    private URI url(String channel, boolean fresh) throws PermanentJobFailure, RetryableJobFailure {
        String text;
        try {
            text = fresh ? secrets.fresh(secretName) : secrets.secret(secretName);
        } catch (SecretNotFoundException e) {
            throw new PermanentJobFailure("no Discord webhooks configured: " + e.getMessage());
        } catch (SecretUnavailableException e) {
            throw new RetryableJobFailure("Discord webhooks could not be read: " + e.getMessage());
        }
        JsonNode channels;
        try {
            channels = SluiceJson.mapper().readTree(text);
        } catch (Exception e) {
            // The parser's message could quote the secret.
            channels = null;
        }
        if (channels == null || !channels.isObject()) {
            throw new PermanentJobFailure(
                    "secret '" + secretName + "' must be a JSON object from channel name to Discord webhook URL");
        }
        JsonNode url = channels.get(channel);
        if (url == null || url.isNull()) {
            List<String> known = new ArrayList<>();
            channels.properties().forEach(entry -> known.add(entry.getKey()));
            throw new PermanentJobFailure("channel '" + channel + "' is not configured in secret '" + secretName
                    + "'; configured channels: "
                    + (known.isEmpty() ? "none" : known.stream().sorted().collect(Collectors.joining(", "))));
        }
        if (!url.isTextual()) {
            throw new PermanentJobFailure(where(channel) + " must be a string, the webhook URL");
        }
        return check(channel, url.textValue().trim());
    }

    private URI check(String channel, String text) throws PermanentJobFailure {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new PermanentJobFailure(where(channel) + " is not a URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new PermanentJobFailure(
                    where(channel) + " is not a webhook URL such as https://discord.com/api/webhooks/<id>/<token>");
        }
        if (!hosts.contains(host)) {
            throw new PermanentJobFailure(where(channel) + " points at host '" + host + "', which is not in "
                    + HOSTS_KEY + " (" + String.join(", ", hosts) + ")");
        }
        if (!(scheme.equals("https") || (scheme.equals("http") && LoopbackHost.is(host)))) {
            throw new PermanentJobFailure(where(channel) + " must use https");
        }
        if (uri.getRawPath() == null || !WEBHOOK_PATH.matcher(uri.getRawPath()).matches()) {
            throw new PermanentJobFailure(
                    where(channel) + " does not have a Discord webhook path (/api/webhooks/<id>/<token>)");
        }
        return uri;
    }

    private String where(String channel) {
        return "the webhook URL of channel '" + channel + "' in secret '" + secretName + "'";
    }
}
