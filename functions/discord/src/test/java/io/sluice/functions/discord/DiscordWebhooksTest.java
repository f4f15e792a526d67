package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.functions.secrets.SecretNotFoundException;
import io.sluice.functions.secrets.SecretUnavailableException;
import io.sluice.job.JobConfig;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordWebhooksTest {
    private static final String TOKEN = "AbCdEf-ghIjKl_mnOpQrStUvWxYz0123456789";
    private static final String ALERTS = "https://discord.com/api/webhooks/223704706495545344/" + TOKEN;

    private static DiscordWebhooks webhooks(String secretJson, Map<String, String> config) {
        return DiscordWebhooks.from(JobConfig.fromMap(config), name -> {
            if (!name.equals("sluice/discord-webhooks")) {
                throw new SecretNotFoundException(name, "secret '" + name + "' does not exist");
            }
            return secretJson;
        });
    }

    private static DiscordWebhooks webhooks(String secretJson) {
        return webhooks(secretJson, Map.of());
    }

    @Test
    void findsTheChannelsUrlInTheDefaultSecret() throws Exception {
        assertEquals(
                URI.create(ALERTS),
                webhooks("{\"alerts\": \"" + ALERTS + "\", \"releases\": \"" + ALERTS + "\"}")
                        .url("alerts"));
    }

    @Test
    void acceptsDiscordsOtherHostsVersionedPathsAndAThreadQuery() throws Exception {
        String url = "https://ptb.discord.com/api/v10/webhooks/1/" + TOKEN + "?thread_id=99";
        assertEquals(URI.create(url), webhooks("{\"alerts\": \"" + url + "\"}").url("alerts"));
    }

    @Test
    void anUnknownChannelIsPermanentAndListsTheConfiguredOnes() {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"releases\": \"" + ALERTS + "\", \"alerts\": \"" + ALERTS + "\"}")
                        .url("ops"));

        assertEquals(
                "channel 'ops' is not configured in secret 'sluice/discord-webhooks'; configured channels: alerts, releases",
                failure.getMessage());
    }

    @Test
    void aMissingSecretIsPermanentAndAnUnreadableOneRetries() {
        DiscordWebhooks renamed = webhooks("{}", Map.of(DiscordWebhooks.SECRET_KEY, "prod/discord"));
        assertEquals(
                "no Discord webhooks configured: secret 'prod/discord' does not exist",
                assertThrows(PermanentJobFailure.class, () -> renamed.url("alerts"))
                        .getMessage());

        DiscordWebhooks unreachable = DiscordWebhooks.from(JobConfig.fromMap(Map.of()), name -> {
            throw new SecretUnavailableException(
                    name, "secret '" + name + "' could not be read from Secrets Manager: AccessDeniedException");
        });
        assertEquals(
                "Discord webhooks could not be read: secret 'sluice/discord-webhooks' could not be read from Secrets Manager: AccessDeniedException",
                assertThrows(RetryableJobFailure.class, () -> unreachable.url("alerts"))
                        .getMessage());
    }

    @Test
    void aSecretThatIsNotAnObjectOfStringsIsPermanentWithoutQuotingIt() {
        PermanentJobFailure notJson =
                assertThrows(PermanentJobFailure.class, () -> webhooks(ALERTS).url("alerts"));
        PermanentJobFailure notString = assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"alerts\": {\"url\": \"" + ALERTS + "\"}}").url("alerts"));

        assertEquals(
                "secret 'sluice/discord-webhooks' must be a JSON object from channel name to Discord webhook URL",
                notJson.getMessage());
        assertEquals(
                "the webhook URL of channel 'alerts' in secret 'sluice/discord-webhooks' must be a string, the webhook URL",
                notString.getMessage());
    }

    @Test
    void refusesOtherHostsCleartextAndOtherPathsWithoutRepeatingTheToken() {
        String elsewhere = "https://evil.example/api/webhooks/1/" + TOKEN;
        String cleartext = "http://discord.com/api/webhooks/1/" + TOKEN;
        String otherPath = "https://discord.com/api/channels/1/messages?token=" + TOKEN;

        PermanentJobFailure host = assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"alerts\": \"" + elsewhere + "\"}").url("alerts"));
        PermanentJobFailure http = assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"alerts\": \"" + cleartext + "\"}").url("alerts"));
        PermanentJobFailure path = assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"alerts\": \"" + otherPath + "\"}").url("alerts"));

        assertEquals(
                "the webhook URL of channel 'alerts' in secret 'sluice/discord-webhooks' points at host 'evil.example', which is not in "
                        + "SLUICE_DISCORD_HOSTS (canary.discord.com, discord.com, discordapp.com, ptb.discord.com)",
                host.getMessage());
        assertEquals(
                "the webhook URL of channel 'alerts' in secret 'sluice/discord-webhooks' must use https",
                http.getMessage());
        assertEquals(
                "the webhook URL of channel 'alerts' in secret 'sluice/discord-webhooks' does not have a Discord webhook path "
                        + "(/api/webhooks/<id>/<token>)",
                path.getMessage());
        for (PermanentJobFailure failure : new PermanentJobFailure[] {host, http, path}) {
            assertFalse(failure.getMessage().contains(TOKEN), failure.getMessage());
        }
    }

    @Test
    void aLoopbackStandInMayUseCleartextWhenItsHostIsAllowed() throws Exception {
        String local = "http://127.0.0.1:8089/api/webhooks/1/" + TOKEN;

        assertEquals(
                URI.create(local),
                webhooks("{\"alerts\": \"" + local + "\"}", Map.of(DiscordWebhooks.HOSTS_KEY, "127.0.0.1"))
                        .url("alerts"));
        assertThrows(
                PermanentJobFailure.class,
                () -> webhooks("{\"alerts\": \"" + local + "\"}").url("alerts"),
                "not allowed by default");
    }

    @Test
    void aMalformedHostsSettingFailsConstructionNamingTheVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> webhooks("{}", Map.of(DiscordWebhooks.HOSTS_KEY, "discord.com, https://x/")));

        assertEquals("SLUICE_DISCORD_HOSTS: 'https://x/' is not a host name or IP address", e.getMessage());
    }
}
