package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordPayloadValidatorTest {

    private static List<String> problems(DiscordPayload payload) {
        return new DiscordPayloadValidator().problems(payload);
    }

    private static DiscordPayload embeds(DiscordEmbed... embeds) {
        return new DiscordPayload("alerts", null, Arrays.asList(embeds), null);
    }

    private static DiscordEmbed titled(String title) {
        return new DiscordEmbed(title, null, null, null, null, null, null, null, null, null);
    }

    private static DiscordEmbed described(String description) {
        return new DiscordEmbed(null, description, null, null, null, null, null, null, null, null);
    }

    private static DiscordEmbed withFields(List<DiscordEmbed.Field> fields) {
        return new DiscordEmbed(null, null, null, null, null, null, null, null, null, fields);
    }

    @Test
    void acceptsTextAndAFullEmbed() {
        DiscordEmbed full = new DiscordEmbed(
                "Deploy finished",
                "All green.",
                "https://ci.example.com/runs/42",
                "2026-11-23T10:00:00Z",
                0x2ECC71,
                new DiscordEmbed.Footer("ci", "https://ci.example.com/icon.png"),
                new DiscordEmbed.Media("https://ci.example.com/a.png"),
                new DiscordEmbed.Media("https://ci.example.com/t.png"),
                new DiscordEmbed.Author("Release bot", "https://example.com", null),
                List.of(
                        new DiscordEmbed.Field("Duration", "4 min", true),
                        new DiscordEmbed.Field("Commit", "abc123", true)));

        assertEquals(
                List.of(),
                problems(new DiscordPayload("releases", "Sluice 1.4.0 is out", List.of(full), "Release bot")));
    }

    @Test
    void requiresAChannelOfTheAllowedForm() {
        assertEquals(List.of("channel: is required"), problems(DiscordPayload.text(null, "hi")));
        assertEquals(
                List.of(
                        "channel: must be 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit"),
                problems(DiscordPayload.text("Alerts/../x", "hi")));
    }

    @Test
    void requiresContentOrEmbeds() {
        assertEquals(
                List.of("content, embeds: at least one is required"),
                problems(new DiscordPayload("alerts", null, null, null)));
        assertEquals(
                List.of("content: may not be empty; leave it out to send embeds only"),
                problems(DiscordPayload.text("alerts", "  ")));
    }

    @Test
    void contentMayHave2000CharactersCountedAsCodePoints() {
        assertEquals(List.of(), problems(DiscordPayload.text("alerts", "x".repeat(2000))));
        assertEquals(
                List.of("content: at most 2000 characters, was 2001"),
                problems(DiscordPayload.text("alerts", "x".repeat(2001))));
        // 2000 emoji are 4000 UTF-16 units, and still 2000 characters.
        assertEquals(List.of(), problems(DiscordPayload.text("alerts", "\uD83D\uDE80".repeat(2000))));
    }

    @Test
    void atMostTenEmbeds() {
        List<DiscordEmbed> eleven = new ArrayList<>(Collections.nCopies(11, titled("t")));
        assertEquals(List.of(), problems(new DiscordPayload("alerts", null, eleven.subList(0, 10), null)));
        assertEquals(
                List.of("embeds: at most 10 per message, was 11"),
                problems(new DiscordPayload("alerts", null, eleven, null)));
    }

    @Test
    void titleAndDescriptionLimits() {
        assertEquals(List.of(), problems(embeds(titled("t".repeat(256)), described("d".repeat(4096)))));
        assertEquals(
                List.of(
                        "embeds[0].title: at most 256 characters, was 257",
                        "embeds[1].description: at most 4096 characters, was 4097"),
                problems(embeds(titled("t".repeat(257)), described("d".repeat(4097)))));
    }

    @Test
    void fieldLimitsNameEachField() {
        List<DiscordEmbed.Field> fields =
                new ArrayList<>(Collections.nCopies(26, new DiscordEmbed.Field("n", "v", null)));
        assertEquals(List.of("embeds[0].fields: at most 25 per embed, was 26"), problems(embeds(withFields(fields))));

        List<String> problems = problems(embeds(withFields(Arrays.asList(
                new DiscordEmbed.Field("n".repeat(257), "v", null),
                new DiscordEmbed.Field("n", "v".repeat(1025), false),
                new DiscordEmbed.Field(null, " ", null),
                null))));
        assertEquals(
                List.of(
                        "embeds[0].fields[0].name: at most 256 characters, was 257",
                        "embeds[0].fields[1].value: at most 1024 characters, was 1025",
                        "embeds[0].fields[2].name: is required",
                        "embeds[0].fields[2].value: is required",
                        "embeds[0].fields[3]: must be an object"),
                problems);
    }

    @Test
    void footerAndAuthorLimits() {
        DiscordEmbed embed = new DiscordEmbed(
                null,
                null,
                null,
                null,
                null,
                new DiscordEmbed.Footer("f".repeat(2049), null),
                null,
                null,
                new DiscordEmbed.Author("a".repeat(257), null, null),
                null);
        assertEquals(
                List.of(
                        "embeds[0].footer.text: at most 2048 characters, was 2049",
                        "embeds[0].author.name: at most 256 characters, was 257"),
                problems(embeds(embed)));
        DiscordEmbed missing = new DiscordEmbed(
                null,
                null,
                null,
                null,
                null,
                new DiscordEmbed.Footer(null, null),
                null,
                null,
                new DiscordEmbed.Author("", null, null),
                null);
        assertEquals(
                List.of("embeds[0].footer.text: is required", "embeds[0].author.name: is required"),
                problems(embeds(missing)));
    }

    @Test
    void allEmbedsTogetherMayHave6000Characters() {
        // Two embeds of 4000 + 2000 = 6000 characters pass; one more character fails.
        assertEquals(List.of(), problems(embeds(described("d".repeat(4000)), described("d".repeat(2000)))));
        assertEquals(
                List.of(
                        "embeds: titles, descriptions, fields, footers and author names together may have at most 6000 characters, had 6001"),
                problems(embeds(
                        described("d".repeat(4000)),
                        new DiscordEmbed("t", "d".repeat(2000), null, null, null, null, null, null, null, null))));
    }

    @Test
    void refusesEmptyEmbedsBadUrlsTimestampsAndColours() {
        DiscordEmbed bad = new DiscordEmbed(
                "t",
                null,
                "javascript:alert(1)",
                "yesterday",
                0x1000000,
                null,
                new DiscordEmbed.Media(null),
                new DiscordEmbed.Media("/relative.png"),
                null,
                null);

        assertEquals(
                List.of(
                        "embeds[0]: is empty; give at least a title, description, fields, image, thumbnail, author or footer",
                        "embeds[1].url: must be an absolute http or https URL",
                        "embeds[1].timestamp: must be an ISO-8601 date-time with offset, such as 2026-11-23T10:00:00Z",
                        "embeds[1].color: must be an RGB integer from 0 to 16777215 (0xFFFFFF)",
                        "embeds[1].image.url: is required",
                        "embeds[1].thumbnail.url: must be an absolute http or https URL"),
                problems(embeds(
                        new DiscordEmbed(null, null, null, null, null, null, null, null, null, List.of()), bad)));
    }

    @Test
    void usernameFollowsDiscordsNameRules() {
        assertEquals(List.of(), problems(new DiscordPayload("alerts", "hi", null, "Release bot")));
        assertEquals(
                List.of("username: must be 1-80 characters, was 81"),
                problems(new DiscordPayload("alerts", "hi", null, "u".repeat(81))));
        for (String name : List.of("Discord Support", "clyde", "a@b", "everyone", "HERE", "x:y")) {
            assertEquals(
                    List.of(
                            "username: Discord refuses names containing @, #, :, ```, \"discord\" or \"clyde\", and the names \"everyone\" and \"here\""),
                    problems(new DiscordPayload("alerts", "hi", null, name)),
                    name);
        }
    }
}
