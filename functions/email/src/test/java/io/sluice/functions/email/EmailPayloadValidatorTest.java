package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmailPayloadValidatorTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static EmailPayload simple(List<String> to, String subject, String text, String html) {
        return new EmailPayload(to, null, null, subject, text, html, null);
    }

    @Test
    void acceptsATextMessageToOneRecipient() {
        assertEquals(
                List.of(),
                new EmailPayloadValidator().problems(EmailPayload.text("ada@example.com", "Hello", "Hi Ada")));
    }

    @Test
    void acceptsHtmlOnlyAndRecipientsInCcOrBccOnly() {
        assertEquals(
                List.of(),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                null, null, List.of("audit@example.com"), "Report", null, "<p>Done</p>", null)));
    }

    @Test
    void acceptsATemplateWithAndWithoutData() {
        assertEquals(
                List.of(),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                List.of("ada@example.com"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                new EmailTemplate(
                                        "order-shipped_v2", JSON.objectNode().put("orderId", "o-42")))));
        assertEquals(
                List.of(),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                List.of("ada@example.com"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                new EmailTemplate("welcome", null))));
    }

    @Test
    void namesEachBadRecipientByListAndIndexWithoutItsValue() {
        List<String> problems = new EmailPayloadValidator()
                .problems(new EmailPayload(
                        List.of("ada@example.com", "not-an-address"),
                        Arrays.asList("bob@example", null),
                        null,
                        "Hi",
                        "text",
                        null,
                        null));

        assertEquals(
                List.of(
                        "to[1]: is not an e-mail address of the form name@example.com",
                        "cc[0]: has an invalid domain (after the @): it must be a host name such as example.com",
                        "cc[1]: is required"),
                problems);
        problems.forEach(p -> assertFalse(p.contains("not-an-address") || p.contains("bob@"), p));
    }

    @Test
    void requiresARecipient() {
        assertEquals(
                List.of("to: at least one recipient is required (in to, cc or bcc)"),
                new EmailPayloadValidator().problems(simple(List.of(), "Hi", "text", null)));
    }

    @Test
    void allowsFiftyRecipientsInAllAndNotFiftyOne() {
        List<String> to = addresses(20);
        List<String> cc = addresses(20);
        List<String> bcc = new ArrayList<>(addresses(10));
        assertEquals(
                List.of(),
                new EmailPayloadValidator().problems(new EmailPayload(to, cc, bcc, "Hi", "text", null, null)));

        bcc.add("one-more@example.com");
        assertEquals(
                List.of("to, cc, bcc: at most 50 recipients in all (SES's limit per message), was 51"),
                new EmailPayloadValidator().problems(new EmailPayload(to, cc, bcc, "Hi", "text", null, null)));
    }

    @Test
    void requiresASubjectAndABodyWithoutATemplate() {
        assertEquals(
                List.of(
                        "subject: is required (or send a stored SES template)",
                        "text, html: at least one body is required"),
                new EmailPayloadValidator().problems(simple(List.of("ada@example.com"), null, null, null)));
    }

    @Test
    void refusesLineBreaksInTheSubjectAndEmptyBodies() {
        assertEquals(
                List.of(
                        "subject: may not contain line breaks or other control characters",
                        "text: may not be empty; leave it out to send html only",
                        "html: may not be empty; leave it out to send text only"),
                new EmailPayloadValidator()
                        .problems(simple(List.of("ada@example.com"), "Hi\r\nBcc: all@example.com", " ", "")));
    }

    @Test
    void refusesSubjectAndBodiesNextToATemplate() {
        assertEquals(
                List.of(
                        "subject: not allowed with template (the stored template has its own)",
                        "html: not allowed with template (the stored template has its own)"),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                List.of("ada@example.com"),
                                null,
                                null,
                                "Hi",
                                null,
                                "<p/>",
                                new EmailTemplate("welcome", null))));
    }

    @Test
    void checksTheTemplateNameAndThatItsDataIsAnObject() {
        assertEquals(
                List.of("template.name: is required", "template.data: must be a JSON object"),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                List.of("ada@example.com"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                new EmailTemplate(null, JSON.arrayNode().add(1)))));
        assertEquals(
                List.of("template.name: must be 1-64 ASCII letters, digits, underscores or hyphens"),
                new EmailPayloadValidator()
                        .problems(new EmailPayload(
                                List.of("ada@example.com"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                new EmailTemplate("order shipped", null))));
    }

    private static List<String> addresses(int n) {
        return IntStream.range(0, n).mapToObj(i -> "r" + i + "@example.com").toList();
    }
}
