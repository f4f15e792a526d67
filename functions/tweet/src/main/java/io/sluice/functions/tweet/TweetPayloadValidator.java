package io.sluice.functions.tweet;

import com.twitter.twittertext.TwitterTextParseResults;
import com.twitter.twittertext.TwitterTextParser;
import io.sluice.job.PayloadValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a {@link TweetPayload} must meet before it is posted, each problem a message naming the field
 * and the allowed form, never the text itself. The length is X's weighted length, computed by X's own
 * twitter-text library (configuration v3): text is NFC-normalised first; most Latin, Greek, Cyrillic and
 * punctuation count 1, CJK and most other scripts count 2, an emoji (even a multi-code-point sequence such
 * as a family or a skin tone) counts 2, and every URL counts 23 whatever its length, because X shortens it.
 * {@code String.length()} would be wrong on all of these.
 */
public final class TweetPayloadValidator implements PayloadValidator<TweetPayload> {
    /** X's limit for a post's weighted length. */
    public static final int MAX_WEIGHTED_LENGTH = 280;
    /** X accepts at most four media items on one post. */
    public static final int MAX_MEDIA = 4;
    /** X ids are unsigned 64-bit integers, sent as decimal strings. */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,19}");

    /** Every problem of the payload; empty when it may be posted. */
    @Override
    public List<String> problems(TweetPayload payload) {
        List<String> problems = new ArrayList<>();
        checkContent(payload.content(), problems);
        List<String> media = payload.mediaIds();
        if (media.size() > MAX_MEDIA) {
            problems.add("media_ids: at most " + MAX_MEDIA + " ids, got " + media.size());
        }
        for (int i = 0; i < media.size(); i++) {
            if (!isId(media.get(i))) {
                problems.add("media_ids[" + i
                        + "]: must be a media id as a string of digits, such as \"1146654567674912769\"");
            }
        }
        if (new HashSet<>(media).size() < media.size()) {
            problems.add("media_ids: each id may appear once");
        }
        if (payload.replyTo() != null && !isId(payload.replyTo())) {
            problems.add("reply_to: must be a post id as a string of digits, such as \"1445880548472328192\"");
        }
        return problems;
    }

    /** X's weighted length of a text (see the class documentation). */
    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    private static void checkContent(String content, List<String> problems) {
        if (content == null) {
            problems.add("content: is required");
            return;
        }
        TwitterTextParseResults parsed = TwitterTextParser.parseTweet(content);
        if (content.isBlank() || parsed.weightedLength == 0) {
            problems.add("content: must contain text, not only whitespace");
        } else if (parsed.weightedLength > MAX_WEIGHTED_LENGTH) {
            problems.add("content: is " + parsed.weightedLength + " characters as X counts them, at most "
                    + MAX_WEIGHTED_LENGTH + " allowed (URLs count 23, CJK characters and emoji 2)");
        } else if (!parsed.isValid) {
            problems.add("content: contains a character X refuses (U+FFFE, U+FEFF or U+FFFF)");
        }
    }

    private static boolean isId(String value) {
        return value != null
                && ID.matcher(value).matches()
                && (value.length() < 20 || value.compareTo("18446744073709551615") <= 0);
    }
}
