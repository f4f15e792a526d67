package io.sluice.functions.tweet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code tweet} job posts. Deserialised from the envelope's {@code payload}, unknown fields refused;
 * {@link TweetPayloadValidator} then checks the values.
 *
 * <pre>{@code
 * {"content": "Proposal 42 passed ✅ https://example.org/p/42", "media_ids": ["1146654567674912769"], "reply_to": "1445880548472328192"}
 * }</pre>
 *
 * @param content the text, 1 to 280 characters as X counts them; required
 * @param mediaIds ids of media already uploaded to X, at most 4, as numeric strings; absent or empty for none
 * @param replyTo the id of the post this one answers, as a numeric string; absent for a new thread
 */
public record TweetPayload(
        String content,
        @JsonProperty("media_ids") List<String> mediaIds,
        @JsonProperty("reply_to") String replyTo) {

    public TweetPayload {
        // Not List.copyOf: a JSON null inside the list must survive to validation, which names it.
        mediaIds = mediaIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(mediaIds));
    }

    /** A plain post. */
    public static TweetPayload of(String content) {
        return new TweetPayload(content, List.of(), null);
    }

    /** Leaves out the text, which is not ours to log; its length and the ids say enough to debug. */
    @Override
    public String toString() {
        return "TweetPayload[content=" + (content == null ? "absent" : content.length() + " chars") + ", media_ids="
                + mediaIds + ", reply_to=" + replyTo + "]";
    }
}
