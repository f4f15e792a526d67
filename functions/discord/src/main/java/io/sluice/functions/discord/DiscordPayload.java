package io.sluice.functions.discord;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code discord} job posts: one message to the Discord webhook configured for {@code channel}. The
 * webhook URL (which contains the webhook's token) never travels in the payload; the function looks it up
 * by channel name in a secret (see {@link DiscordWebhooks}). Deserialised with unknown fields refused;
 * {@link DiscordPayloadValidator} checks Discord's limits.
 *
 * <pre>{@code
 * {"channel": "releases", "content": "Sluice 1.4.0 is out",
 *  "embeds": [{"title": "Changelog", "url": "https://example.com/changelog", "description": "Faster retries."}],
 *  "username": "Release bot"}
 * }</pre>
 *
 * @param channel the name of a configured channel: 1-64 lower-case letters, digits, {@code _} or {@code -}; required
 * @param content the message text, up to 2000 characters; this or {@code embeds} is required
 * @param embeds up to 10 rich embeds
 * @param username replaces the webhook's default name for this message: 1-80 characters, without
 *     {@code @ # :}, {@code ```}, "discord" or "clyde", and not "everyone" or "here"
 */
public record DiscordPayload(String channel, String content, List<DiscordEmbed> embeds, String username) {

    public DiscordPayload {
        // Not List.copyOf: a JSON null element must survive to validation, which names it.
        embeds = embeds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(embeds));
    }

    /** A plain text message. */
    public static DiscordPayload text(String channel, String content) {
        return new DiscordPayload(channel, content, List.of(), null);
    }

    /** The body Discord's Execute Webhook takes: everything but the channel, absent parts left out. */
    @JsonIgnore
    public Message message() {
        return new Message(content, embeds.isEmpty() ? null : embeds, username, AllowedMentions.NONE);
    }

    /**
     * The JSON body of Execute Webhook. {@code allowed_mentions} is always "parse nothing": a job's text comes from
     * other services, and an {@code @everyone} or a role mention in it must not ping a whole server.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            String content,
            List<DiscordEmbed> embeds,
            String username,
            @JsonProperty("allowed_mentions") AllowedMentions allowedMentions) {}

    /** Discord's allowed-mentions object; {@link #NONE} parses no mention of any kind. */
    public record AllowedMentions(List<String> parse) {
        public static final AllowedMentions NONE = new AllowedMentions(List.of());
    }

    /** The channel and sizes only: message text is the producer's data and stays out of logs. */
    @Override
    public String toString() {
        return "DiscordPayload[channel=" + channel + ", content="
                + (content == null ? "absent" : content.length() + " chars") + ", embeds=" + embeds.size()
                + ", username=" + (username == null ? "absent" : "present") + "]";
    }
}
