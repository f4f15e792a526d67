package io.sluice.functions.email;

import io.sluice.job.PayloadValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an {@link EmailPayload} must meet before it goes to SES, each problem a message naming the
 * field ({@code "to[2]: is not an e-mail address ..."}, {@code "subject: is required ..."}) and never its
 * value: messages reach DLQ attributes, history and logs, while addresses and subjects are personal data.
 * A payload that breaks a rule is dead-lettered at once, since no retry would change it.
 */
public final class EmailPayloadValidator implements PayloadValidator<EmailPayload> {
    /** SES: "The message may not include more than 50 recipients, across the To:, CC: and BCC: fields." */
    public static final int MAX_RECIPIENTS = 50;
    /** SES template names (CreateEmailTemplate): ASCII letters, digits, underscores and hyphens, at most 64. */
    public static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Every problem of the payload; empty when it may be sent. */
    @Override
    public List<String> problems(EmailPayload payload) {
        List<String> problems = new ArrayList<>();
        checkRecipients("to", payload.to(), problems);
        checkRecipients("cc", payload.cc(), problems);
        checkRecipients("bcc", payload.bcc(), problems);
        int recipients = payload.recipientCount();
        if (recipients == 0) {
            problems.add("to: at least one recipient is required (in to, cc or bcc)");
        } else if (recipients > MAX_RECIPIENTS) {
            problems.add("to, cc, bcc: at most " + MAX_RECIPIENTS + " recipients in all (SES's limit per message), was "
                    + recipients);
        }
        if (payload.template() != null) {
            checkTemplate(payload, problems);
        } else {
            checkSimple(payload, problems);
        }
        return problems;
    }

    private static void checkRecipients(String field, List<String> addresses, List<String> problems) {
        for (int i = 0; i < addresses.size(); i++) {
            int index = i;
            EmailAddress.problem(addresses.get(i))
                    .ifPresent(problem -> problems.add(field + "[" + index + "]: " + problem));
        }
    }

    private static void checkTemplate(EmailPayload payload, List<String> problems) {
        notWithTemplate("subject", payload.subject(), problems);
        notWithTemplate("text", payload.text(), problems);
        notWithTemplate("html", payload.html(), problems);
        EmailTemplate template = payload.template();
        if (template.name() == null || template.name().isBlank()) {
            problems.add("template.name: is required");
        } else if (!TEMPLATE_NAME.matcher(template.name()).matches()) {
            problems.add("template.name: must be 1-64 ASCII letters, digits, underscores or hyphens");
        }
        if (template.data() != null
                && !template.data().isObject()
                && !template.data().isNull()) {
            problems.add("template.data: must be a JSON object");
        }
    }

    private static void checkSimple(EmailPayload payload, List<String> problems) {
        String subject = payload.subject();
        if (subject == null || subject.isBlank()) {
            problems.add("subject: is required (or send a stored SES template)");
        } else if (subject.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            problems.add("subject: may not contain line breaks or other control characters");
        }
        if (payload.text() == null && payload.html() == null) {
            problems.add("text, html: at least one body is required");
        }
        if (payload.text() != null && payload.text().isBlank()) {
            problems.add("text: may not be empty; leave it out to send html only");
        }
        if (payload.html() != null && payload.html().isBlank()) {
            problems.add("html: may not be empty; leave it out to send text only");
        }
    }

    private static void notWithTemplate(String field, String value, List<String> problems) {
        if (value != null) {
            problems.add(field + ": not allowed with template (the stored template has its own)");
        }
    }
}
