package io.sluice.functions.discord;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One rich embed of a Discord message, in Discord's own field names
 * (<a href="https://discord.com/developers/docs/resources/message#embed-object">embed object</a>), limited to the
 * parts a webhook may send: title, description, url, timestamp, color, footer, image, thumbnail, author and
 * fields. Sent to Discord as it was received, minus absent parts; unknown fields are refused, so a typo
 * fails validation instead of silently vanishing. {@link DiscordPayloadValidator} enforces Discord's limits.
 *
 * @param title up to 256 characters
 * @param description up to 4096 characters
 * @param url the title's link, an absolute http(s) URL
 * @param timestamp shown in the footer, ISO-8601 such as {@code 2026-11-23T10:00:00Z}
 * @param color the left border, an RGB integer 0 to 16777215 ({@code 0xFFFFFF})
 * @param fields up to 25 name/value pairs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscordEmbed(
        String title,
        String description,
        String url,
        String timestamp,
        Integer color,
        Footer footer,
        Media image,
        Media thumbnail,
        Author author,
        List<Field> fields) {

    public DiscordEmbed {
        // Not List.copyOf: a JSON null element must survive to validation, which names it.
        fields = fields == null ? null : Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /** A footer: {@code text} (required, up to 2048 characters) and an optional icon. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Footer(
            String text, @JsonProperty("icon_url") String iconUrl) {}

    /** An image or thumbnail: its absolute http(s) {@code url}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String url) {}

    /** The author line: {@code name} (required, up to 256 characters), an optional link and icon. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(
            String name,
            String url,
            @JsonProperty("icon_url") String iconUrl) {}

    /** A field: {@code name} (up to 256 characters) and {@code value} (up to 1024), both required; {@code inline} side by side. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String value, Boolean inline) {}
}
