package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.envelope.SluiceJson;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request the job builds; the exchange with Discord is covered end to end in sluice-local. */
class DiscordJobTest {
    private static final String URL = "https://discord.com/api/webhooks/223704706495545344/AbCdEf";

    @Test
    void asksDiscordToWaitKeepingAnExistingQuery() {
        assertEquals(URI.create(URL + "?wait=true"), DiscordJob.withWait(URI.create(URL)));
        assertEquals(URI.create(URL + "?thread_id=9&wait=true"), DiscordJob.withWait(URI.create(URL + "?thread_id=9")));
    }

    @Test
    void theBodyIsDiscordsExecuteWebhookJsonWithoutTheChannelOrAbsentParts() throws Exception {
        DiscordPayload payload = new DiscordPayload(
                "alerts",
                "Deploy finished",
                List.of(new DiscordEmbed(
                        "Run 42",
                        null,
                        null,
                        null,
                        0x2ECC71,
                        new DiscordEmbed.Footer("ci", "https://ci.example.com/i.png"),
                        null,
                        null,
                        null,
                        List.of(new DiscordEmbed.Field("Took", "4 min", true)))),
                null);

        assertEquals(
                "{\"content\":\"Deploy finished\",\"embeds\":[{\"title\":\"Run 42\",\"color\":3066993,"
                        + "\"footer\":{\"text\":\"ci\",\"icon_url\":\"https://ci.example.com/i.png\"},"
                        + "\"fields\":[{\"name\":\"Took\",\"value\":\"4 min\",\"inline\":true}]}],"
                        + "\"allowed_mentions\":{\"parse\":[]}}",
                SluiceJson.mapper().writeValueAsString(payload.message()),
                "no mention pings anyone: allowed_mentions parses none");
    }
}
