package io.sluice.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One DynamoDB update expression and its optional condition, written clause by clause, with the
 * attribute names and values they use. A value gets its placeholder when it is added ({@link #value}),
 * and a reserved word its {@code #name} alias ({@link #name}), so the request carries exactly the
 * placeholders its expressions use without searching the text for them: DynamoDB refuses a request
 * whose {@code ExpressionAttributeValues} or {@code ExpressionAttributeNames} hold one that no expression
 * uses, or that are empty (see
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html">expression
 * attribute values</a>). Not thread-safe: one instance per request.
 */
final class UpdateExpression {
    /**
     * The job table's attribute names that are DynamoDB reserved words, which an expression may only name
     * through an {@code #alias}; see
     * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html">reserved words</a>.
     */
    private static final Set<String> RESERVED = Set.of("error", "result", "source", "state", "type");

    private final List<String> set = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private String condition;

    /** {@code SET attribute = text}. */
    UpdateExpression set(String attribute, String text) {
        return assign(name(attribute), text(attribute, text));
    }

    /** {@code SET attribute = number}. */
    UpdateExpression set(String attribute, long number) {
        return assign(name(attribute), number(attribute, number));
    }

    /** {@code SET attribute = if_not_exists(attribute, text)}: the first write's value stays. */
    UpdateExpression setIfAbsent(String attribute, String text) {
        return assignIfAbsent(name(attribute), text(attribute, text));
    }

    /** {@code SET attribute = if_not_exists(attribute, number)}: the first write's value stays. */
    UpdateExpression setIfAbsent(String attribute, long number) {
        return assignIfAbsent(name(attribute), number(attribute, number));
    }

    /** {@code SET list[index].attribute = text}: one field of a map in a list. */
    UpdateExpression setInElement(String list, int index, String attribute, String text) {
        return assign(name(list) + "[" + index + "]." + name(attribute), text(attribute, text));
    }

    /** Appends {@code element} to a list attribute, creating the list on the item's first append. */
    UpdateExpression append(String list, AttributeValue element) {
        String path = name(list);
        return assign(
                path,
                "list_append(if_not_exists(" + path + ", " + value("empty", AttributeValue.fromL(List.of())) + "), "
                        + value(list, AttributeValue.fromL(List.of(element))) + ")");
    }

    /** {@code ADD attribute number}: adds to a number, starting from 0 if the attribute is absent. */
    UpdateExpression add(String attribute, long number) {
        add.add(name(attribute) + " " + number(attribute, number));
        return this;
    }

    /** {@code REMOVE attribute, ...}. */
    UpdateExpression remove(String... attributes) {
        for (String attribute : attributes) {
            remove.add(name(attribute));
        }
        return this;
    }

    /**
     * The condition the write requires, written with the placeholders {@link #name}, {@link #value},
     * {@link #text} and {@link #number} return. Replaces an earlier one.
     */
    UpdateExpression condition(String condition) {
        this.condition = condition;
        return this;
    }

    /** How an expression refers to {@code attribute}: its {@code #alias} if it is a reserved word, else its name. */
    String name(String attribute) {
        if (!RESERVED.contains(attribute)) {
            return attribute;
        }
        String alias = "#" + attribute;
        names.put(alias, attribute);
        return alias;
    }

    /**
     * The placeholder of {@code value}: {@code :hint}, or {@code :hint2}, {@code :hint3}... when {@code :hint}
     * already stands for another value. The same hint with an equal value shares one placeholder.
     */
    String value(String hint, AttributeValue value) {
        for (int n = 1; ; n++) {
            String placeholder = n == 1 ? ":" + hint : ":" + hint + n;
            AttributeValue taken = values.putIfAbsent(placeholder, value);
            if (taken == null || taken.equals(value)) {
                return placeholder;
            }
        }
    }

    /** The placeholder of a text value (see {@link JobsTableEncoding#text}). */
    String text(String hint, String text) {
        return value(hint, JobsTableEncoding.text(text));
    }

    /** The placeholder of a number value. */
    String number(String hint, long number) {
        return value(hint, JobsTableEncoding.number(number));
    }

    /** The update expression: {@code SET ... REMOVE ... ADD ...}, the clauses in the order they were added. */
    String expression() {
        StringBuilder text = new StringBuilder();
        clause(text, "SET ", set, ", ");
        clause(text, "REMOVE ", remove, ", ");
        clause(text, "ADD ", add, ", ");
        return text.toString();
    }

    /** The condition expression, or {@code null} for an unconditional write. */
    String conditionExpression() {
        return condition;
    }

    /** The aliases the expressions use, or {@code null} if none (DynamoDB refuses an empty map). */
    Map<String, String> names() {
        return names.isEmpty() ? null : Map.copyOf(names);
    }

    /** The values the expressions use, or {@code null} if none (DynamoDB refuses an empty map). */
    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }

    /** Puts the expressions and their placeholders on an {@code UpdateItem} request. */
    UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder request) {
        return request.updateExpression(expression())
                .conditionExpression(condition)
                .expressionAttributeNames(names())
                .expressionAttributeValues(values());
    }

    /** Puts the expressions and their placeholders on one update of a {@code TransactWriteItems} request. */
    Update.Builder applyTo(Update.Builder update) {
        return update.updateExpression(expression())
                .conditionExpression(condition)
                .expressionAttributeNames(names())
                .expressionAttributeValues(values());
    }

    private UpdateExpression assign(String path, String operand) {
        set.add(path + " = " + operand);
        return this;
    }

    private UpdateExpression assignIfAbsent(String path, String placeholder) {
        return assign(path, "if_not_exists(" + path + ", " + placeholder + ")");
    }

    private static void clause(StringBuilder text, String keyword, List<String> actions, String separator) {
        if (actions.isEmpty()) {
            return;
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(keyword).append(String.join(separator, actions));
    }
}
