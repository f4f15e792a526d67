package io.sluice.functions.discord;

import io.sluice.job.PayloadValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a {@link DiscordPayload} must meet before it is posted: Discord's documented message and embed
 * limits (<a href="https://discord.com/developers/docs/resources/webhook#execute-webhook">Execute Webhook</a>,
 * <a href="https://discord.com/developers/docs/resources/message#embed-object-embed-limits">embed limits</a>),
 * checked here so a message Discord would refuse is dead-lettered with a message naming the field
 * ({@code "embeds[1].fields[3].value: at most 1024 characters, was 1100"}) rather than spending a request.
 * Messages never repeat a value. Lengths count Unicode code points, as Discord does.
 */
public final class DiscordPayloadValidator implements PayloadValidator<DiscordPayload> {
    public static final int MAX_CONTENT = 2000;
    public static final int MAX_EMBEDS = 10;
    public static final int MAX_TITLE = 256;
    public static final int MAX_DESCRIPTION = 4096;
    public static final int MAX_FIELDS = 25;
    public static final int MAX_FIELD_NAME = 256;
    public static final int MAX_FIELD_VALUE = 1024;
    public static final int MAX_FOOTER_TEXT = 2048;
    public static final int MAX_AUTHOR_NAME = 256;
    /** Titles, descriptions, field names and values, footer texts and author names of all embeds together. */
    public static final int MAX_EMBED_TOTAL = 6000;
    /** Webhook names are 1-80 characters. */
    public static final int MAX_USERNAME = 80;

    public static final int MAX_COLOR = 0xFFFFFF;
    /** Channel names: the keys of the webhook secret. */
    public static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    // Discord's rules for user and webhook names: these substrings are refused, and so are these whole names.
    private static final List<String> USERNAME_FORBIDDEN_PARTS = List.of("@", "#", ":", "```", "discord", "clyde");
    private static final List<String> USERNAME_FORBIDDEN_NAMES = List.of("everyone", "here");

    /** Every problem of the payload; empty when it may be posted. */
    @Override
    public List<String> problems(DiscordPayload payload) {
        List<String> problems = new ArrayList<>();
        if (payload.channel() == null || payload.channel().isBlank()) {
            problems.add("channel: is required");
        } else if (!CHANNEL.matcher(payload.channel()).matches()) {
            problems.add(
                    "channel: must be 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (payload.content() == null && payload.embeds().isEmpty()) {
            problems.add("content, embeds: at least one is required");
        }
        if (payload.content() != null) {
            if (payload.content().isBlank()) {
                problems.add("content: may not be empty; leave it out to send embeds only");
            }
            maxLength("content", payload.content(), MAX_CONTENT, problems);
        }
        checkEmbeds(payload.embeds(), problems);
        checkUsername(payload.username(), problems);
        return problems;
    }

    private static void checkEmbeds(List<DiscordEmbed> embeds, List<String> problems) {
        if (embeds.size() > MAX_EMBEDS) {
            problems.add("embeds: at most " + MAX_EMBEDS + " per message, was " + embeds.size());
        }
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            String at = "embeds[" + i + "]";
            DiscordEmbed embed = embeds.get(i);
            if (embed == null) {
                problems.add(at + ": must be an object");
                continue;
            }
            total += checkEmbed(at, embed, problems);
        }
        if (total > MAX_EMBED_TOTAL) {
            problems.add("embeds: titles, descriptions, fields, footers and author names together may have at most "
                    + MAX_EMBED_TOTAL + " characters, had " + total);
        }
    }

    /** Checks one embed; returns the characters it adds to the message's embed total. */
    private static int checkEmbed(String at, DiscordEmbed embed, List<String> problems) {
        int total = maxLength(at + ".title", embed.title(), MAX_TITLE, problems)
                + maxLength(at + ".description", embed.description(), MAX_DESCRIPTION, problems);
        boolean empty = embed.title() == null
                && embed.description() == null
                && embed.image() == null
                && embed.thumbnail() == null
                && embed.author() == null
                && embed.footer() == null
                && (embed.fields() == null || embed.fields().isEmpty());
        if (empty) {
            problems.add(
                    at + ": is empty; give at least a title, description, fields, image, thumbnail, author or footer");
        }
        url(at + ".url", embed.url(), problems);
        if (embed.timestamp() != null) {
            try {
                OffsetDateTime.parse(embed.timestamp());
            } catch (DateTimeParseException e) {
                problems.add(
                        at + ".timestamp: must be an ISO-8601 date-time with offset, such as 2026-11-23T10:00:00Z");
            }
        }
        if (embed.color() != null && (embed.color() < 0 || embed.color() > MAX_COLOR)) {
            problems.add(at + ".color: must be an RGB integer from 0 to " + MAX_COLOR + " (0xFFFFFF)");
        }
        if (embed.footer() != null) {
            total += required(at + ".footer.text", embed.footer().text(), MAX_FOOTER_TEXT, problems);
            url(at + ".footer.icon_url", embed.footer().iconUrl(), problems);
        }
        if (embed.image() != null) {
            requiredUrl(at + ".image.url", embed.image().url(), problems);
        }
        if (embed.thumbnail() != null) {
            requiredUrl(at + ".thumbnail.url", embed.thumbnail().url(), problems);
        }
        if (embed.author() != null) {
            total += required(at + ".author.name", embed.author().name(), MAX_AUTHOR_NAME, problems);
            url(at + ".author.url", embed.author().url(), problems);
            url(at + ".author.icon_url", embed.author().iconUrl(), problems);
        }
        if (embed.fields() != null) {
            if (embed.fields().size() > MAX_FIELDS) {
                problems.add(at + ".fields: at most " + MAX_FIELDS + " per embed, was "
                        + embed.fields().size());
            }
            for (int f = 0; f < embed.fields().size(); f++) {
                String fieldAt = at + ".fields[" + f + "]";
                DiscordEmbed.Field field = embed.fields().get(f);
                if (field == null) {
                    problems.add(fieldAt + ": must be an object");
                    continue;
                }
                total += required(fieldAt + ".name", field.name(), MAX_FIELD_NAME, problems);
                total += required(fieldAt + ".value", field.value(), MAX_FIELD_VALUE, problems);
            }
        }
        return total;
    }

    private static void checkUsername(String username, List<String> problems) {
        if (username == null) {
            return;
        }
        String trimmed = username.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_USERNAME) {
            problems.add("username: must be 1-" + MAX_USERNAME + " characters, was " + length);
            return;
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (USERNAME_FORBIDDEN_NAMES.contains(lower)
                || USERNAME_FORBIDDEN_PARTS.stream().anyMatch(lower::contains)) {
            problems.add(
                    "username: Discord refuses names containing @, #, :, ```, \"discord\" or \"clyde\", and the names \"everyone\" and \"here\"");
        }
    }

    /** Checks a required text; returns its length for the embed total. */
    private static int required(String field, String value, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
            return 0;
        }
        return maxLength(field, value, max, problems);
    }

    /** Checks an optional text's length; returns its length (0 when absent). */
    private static int maxLength(String field, String value, int max, List<String> problems) {
        if (value == null) {
            return 0;
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            problems.add(field + ": at most " + max + " characters, was " + length);
        }
        return length;
    }

    private static void requiredUrl(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
            return;
        }
        url(field, value, problems);
    }

    private static void url(String field, String value, List<String> problems) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // attachment:// only refers to files uploaded with the message, which a JSON webhook call has none of.
            if (uri.isAbsolute() && uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(field + ": must be an absolute http or https URL");
    }
}
