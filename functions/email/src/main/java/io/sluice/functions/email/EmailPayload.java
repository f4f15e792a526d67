package io.sluice.functions.email;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an {@code email} job sends: one message through Amazon SES, from the sender the function is
 * configured with (never from the payload). Either a {@code subject} with a {@code text} and/or an
 * {@code html} body, or a stored SES {@code template}. Deserialised by Jackson with unknown fields refused;
 * {@link EmailPayloadValidator} checks the values.
 *
 * <pre>{@code
 * {"to": ["ada@example.com"], "cc": [], "bcc": ["audit@example.com"],
 *  "subject": "Your order has shipped", "text": "Order o-42 is on its way.", "html": "<p>Order <b>o-42</b> is on its way.</p>"}
 * }</pre>
 *
 * <p>{@code to}, {@code cc} and {@code bcc} each take a list of addresses or a single address as a string.
 * At least one recipient is required and at most {@value EmailPayloadValidator#MAX_RECIPIENTS} in all (SES's
 * limit per message).
 *
 * @param to recipients; default none
 * @param cc copy recipients; default none
 * @param bcc blind copy recipients; default none
 * @param subject the subject line; required unless {@code template} is given, and then not allowed
 * @param text the plain-text body
 * @param html the HTML body; with {@code text}, mail clients pick the one they show
 * @param template a stored SES template with its data, instead of subject, text and html
 */
public record EmailPayload(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> to,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> cc,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> bcc,

        String subject,
        String text,
        String html,
        EmailTemplate template) {

    public EmailPayload {
        to = listOf(to);
        cc = listOf(cc);
        bcc = listOf(bcc);
    }

    /** A plain-text message to one recipient. */
    public static EmailPayload text(String to, String subject, String text) {
        return new EmailPayload(List.of(to), List.of(), List.of(), subject, text, null, null);
    }

    /** Recipients in all, To, Cc and Bcc together. */
    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }

    // Not List.copyOf: a JSON null element must survive to validation, which names it.
    private static List<String> listOf(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Counts and presence only: addresses, subject and bodies are personal data and stay out of logs. */
    @Override
    public String toString() {
        return "EmailPayload[to=" + to.size() + ", cc=" + cc.size() + ", bcc=" + bcc.size()
                + ", subject=" + (subject == null ? "absent" : "present") + ", text="
                + (text == null ? "absent" : "present")
                + ", html=" + (html == null ? "absent" : "present") + ", template=" + template + "]";
    }
}
