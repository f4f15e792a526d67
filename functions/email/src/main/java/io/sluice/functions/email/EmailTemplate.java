package io.sluice.functions.email;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored SES e-mail template to send instead of a subject and body: its {@code name} (created beforehand
 * with SES {@code CreateEmailTemplate}) and the {@code data} that fills its {@code {{placeholders}}}.
 *
 * <pre>{@code
 * "template": {"name": "order-shipped", "data": {"orderId": "o-42", "carrier": "DHL"}}
 * }</pre>
 *
 * @param name the template's name: 1-64 ASCII letters, digits, underscores and hyphens; required
 * @param data a JSON object, sent to SES as its {@code TemplateData}; absent means {@code {}}
 */
public record EmailTemplate(String name, JsonNode data) {
    public EmailTemplate {
        data = data == null || data.isMissingNode() ? null : data;
    }

    /** Leaves out the data, which usually holds personal details. */
    @Override
    public String toString() {
        return "EmailTemplate[name=" + name + ", data=" + (data == null ? "absent" : "present") + "]";
    }
}
