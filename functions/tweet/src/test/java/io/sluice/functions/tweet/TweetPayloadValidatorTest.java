package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content counted as X counts it, and every other rule with its message. */
class TweetPayloadValidatorTest {

    private static List<String> problems(String content) {
        return new TweetPayloadValidator().problems(TweetPayload.of(content));
    }

    @Test
    void latinTextCountsOneACharacterUpTo280() {
        assertEquals(280, TweetPayloadValidator.weightedLength("a".repeat(280)));
        assertEquals(List.of(), problems("a".repeat(280)));
        assertEquals(
                List.of(
                        "content: is 281 characters as X counts them, at most 280 allowed (URLs count 23, CJK characters and emoji 2)"),
                problems("a".repeat(281)));
    }

    @Test
    void cjkCharactersCountTwoSo140FillAPost() {
        assertEquals(280, TweetPayloadValidator.weightedLength("日".repeat(140)));
        assertEquals(List.of(), problems("日".repeat(140)));
        assertEquals(1, problems("日".repeat(141)).size());
    }

    @Test
    void anEmojiCountsTwoEvenWhenItIsASequenceOfCodePoints() {
        assertEquals(2, TweetPayloadValidator.weightedLength("👍"));
        assertEquals(2, TweetPayloadValidator.weightedLength("👍🏽"), "with a skin tone");
        assertEquals(
                2,
                TweetPayloadValidator.weightedLength("👨‍👩‍👧‍👦"),
                "a family of four joined code points, 11 UTF-16 units");
        // 1,540 UTF-16 units and 980 code points, yet exactly X's 280.
        assertEquals(List.of(), problems("👨‍👩‍👧‍👦".repeat(140)));
    }

    @Test
    void everyUrlCounts23WhateverItsLength() {
        String longUrl = "https://example.org/" + "p".repeat(200);
        assertEquals(23, TweetPayloadValidator.weightedLength(longUrl));
        assertEquals(23, TweetPayloadValidator.weightedLength("example.com"), "X links bare domains too");
        // 257 letters + space + a 220-character URL: 281 by String.length() standards would be 478.
        assertEquals(List.of(), problems("a".repeat(256) + " " + longUrl));
        assertEquals(1, problems("a".repeat(257) + " " + longUrl).size());
    }

    @Test
    void textIsNormalisedToNfcBeforeCounting() {
        assertEquals(1, TweetPayloadValidator.weightedLength("e\u0301"), "e + combining acute is one é");
        assertEquals(List.of(), problems("e\u0301".repeat(280)));
    }

    @Test
    void contentIsRequiredAndMustNotBeOnlyWhitespace() {
        assertEquals(List.of("content: is required"), problems(null));
        assertEquals(List.of("content: must contain text, not only whitespace"), problems(""));
        assertEquals(List.of("content: must contain text, not only whitespace"), problems(" \n\t "));
    }

    @Test
    void charactersXRefusesAreNamed() {
        assertEquals(
                List.of("content: contains a character X refuses (U+FFFE, U+FEFF or U+FFFF)"),
                problems("hello \uFFFE"));
    }

    @Test
    void upToFourDistinctNumericMediaIds() {
        assertEquals(
                List.of(),
                new TweetPayloadValidator()
                        .problems(new TweetPayload("hi", List.of("1", "2", "3", "1146654567674912769"), null)));
        assertEquals(
                List.of("media_ids: at most 4 ids, got 5"),
                new TweetPayloadValidator().problems(new TweetPayload("hi", List.of("1", "2", "3", "4", "5"), null)));
        assertEquals(
                List.of(
                        "media_ids[1]: must be a media id as a string of digits, such as \"1146654567674912769\"",
                        "media_ids[2]: must be a media id as a string of digits, such as \"1146654567674912769\""),
                new TweetPayloadValidator().problems(new TweetPayload("hi", Arrays.asList("1", "abc", null), null)));
        assertEquals(
                List.of("media_ids: each id may appear once"),
                new TweetPayloadValidator().problems(new TweetPayload("hi", List.of("7", "7"), null)));
        assertEquals(
                List.of("media_ids[0]: must be a media id as a string of digits, such as \"1146654567674912769\""),
                new TweetPayloadValidator().problems(new TweetPayload("hi", List.of("18446744073709551616"), null)),
                "beyond 64 bits");
    }

    @Test
    void replyToIsANumericPostId() {
        assertEquals(
                List.of(), new TweetPayloadValidator().problems(new TweetPayload("hi", null, "1445880548472328192")));
        assertEquals(
                List.of("reply_to: must be a post id as a string of digits, such as \"1445880548472328192\""),
                new TweetPayloadValidator().problems(new TweetPayload("hi", null, "https://x.com/a/status/1")));
        assertEquals(
                1,
                new TweetPayloadValidator()
                        .problems(new TweetPayload("hi", null, ""))
                        .size());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(
                3,
                new TweetPayloadValidator()
                        .problems(new TweetPayload(null, List.of("x"), "y"))
                        .size());
    }

    @Test
    void toStringLeavesOutTheText() {
        assertEquals(
                "TweetPayload[content=5 chars, media_ids=[1], reply_to=null]",
                new TweetPayload("hello", List.of("1"), null).toString());
    }
}
