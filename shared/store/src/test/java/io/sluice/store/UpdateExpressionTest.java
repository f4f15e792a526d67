package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The expression builder alone: the text it writes and exactly the names and values that text uses. */
class UpdateExpressionTest {

    @Test
    void writesClausesInOrderWithAPlaceholderPerValue() {
        UpdateExpression update = new UpdateExpression()
                .set("finishedAt", "2031-03-01T00:00:00.000Z")
                .set("durationMs", 250)
                .remove("claimToken", "inProgressUntil");

        assertEquals(
                "SET finishedAt = :finishedAt, durationMs = :durationMs REMOVE claimToken, inProgressUntil",
                update.expression());
        assertEquals(
                Map.of(
                        ":finishedAt",
                        AttributeValue.fromS("2031-03-01T00:00:00.000Z"),
                        ":durationMs",
                        AttributeValue.fromN("250")),
                update.values());
        assertNull(update.names(), "no reserved word, no aliases: DynamoDB refuses an empty map");
        assertNull(update.conditionExpression());
    }

    @Test
    void aliasesReservedWordsAndSendsOnlyTheAliasesUsed() {
        UpdateExpression update = new UpdateExpression().set("state", "running").set("typeState", "mail#running");

        assertEquals("SET #state = :state, typeState = :typeState", update.expression());
        assertEquals(Map.of("#state", "state"), update.names());
    }

    @Test
    void aliasesAReservedWordInsideAListElement() {
        UpdateExpression update = new UpdateExpression().setInElement("attempts", 2, "error", "HTTP 503");

        assertEquals("SET attempts[2].#error = :error", update.expression());
        assertEquals(Map.of("#error", "error"), update.names());
    }

    @Test
    void ifAbsentKeepsTheFirstWritesValue() {
        UpdateExpression update = new UpdateExpression()
                .setIfAbsent("createdAt", "2031-03-01T00:00:00.000Z")
                .setIfAbsent("expiresAt", 42);

        assertEquals(
                "SET createdAt = if_not_exists(createdAt, :createdAt), expiresAt = if_not_exists(expiresAt, :expiresAt)",
                update.expression());
    }

    @Test
    void appendCreatesTheListOnTheFirstAppend() {
        AttributeValue attempt =
                AttributeValue.fromM(Map.of("startedAt", AttributeValue.fromS("2031-03-01T00:00:00.000Z")));
        UpdateExpression update = new UpdateExpression().append("attempts", attempt);

        assertEquals("SET attempts = list_append(if_not_exists(attempts, :empty), :attempts)", update.expression());
        assertEquals(
                Map.of(":empty", AttributeValue.fromL(List.of()), ":attempts", AttributeValue.fromL(List.of(attempt))),
                update.values());
    }

    @Test
    void addAloneIsAnAddClause() {
        assertEquals(
                "ADD duplicatesSkipped :duplicatesSkipped",
                new UpdateExpression().add("duplicatesSkipped", 1).expression());
    }

    @Test
    void anEqualValueUnderTheSameHintSharesItsPlaceholder() {
        UpdateExpression update = new UpdateExpression().set("payloadHash", "h1");
        update.condition("payloadHash = " + update.text("payloadHash", "h1"));

        assertEquals("payloadHash = :payloadHash", update.conditionExpression());
        assertEquals(Map.of(":payloadHash", AttributeValue.fromS("h1")), update.values());
    }

    @Test
    void anotherValueUnderATakenHintGetsANumberedPlaceholder() {
        UpdateExpression update = new UpdateExpression();
        String first = update.text("state", "running");
        String second = update.text("state", "succeeded");
        String third = update.text("state", "released");

        assertEquals(List.of(":state", ":state2", ":state3"), List.of(first, second, third));
        assertEquals(3, update.values().size());
    }

    @Test
    void conditionPlaceholdersTravelWithTheUpdates() {
        UpdateExpression update = new UpdateExpression().set("result", "ok");
        update.condition(update.name("state") + " = " + update.text("running", "running"));

        assertEquals(Map.of("#result", "result", "#state", "state"), update.names());
        assertEquals(
                Map.of(":result", AttributeValue.fromS("ok"), ":running", AttributeValue.fromS("running")),
                update.values());
    }

    @Test
    void nullAndEmptyTextAreStoredAsADash() {
        UpdateExpression update =
                new UpdateExpression().set("result", (String) null).set("deadLetterDetail", "");

        assertEquals(
                Map.of(":result", AttributeValue.fromS("-"), ":deadLetterDetail", AttributeValue.fromS("-")),
                update.values());
    }

    @Test
    void appliesToAnUpdateItemRequestAndATransactionUpdateAlike() {
        UpdateExpression update = new UpdateExpression().set("state", "retrying");
        update.condition("claimToken = " + update.text("token", "t-1"));

        UpdateItemRequest request =
                update.applyTo(UpdateItemRequest.builder().tableName("t")).build();
        Update transactional = update.applyTo(Update.builder().tableName("t")).build();

        assertEquals("SET #state = :state", request.updateExpression());
        assertEquals("claimToken = :token", request.conditionExpression());
        assertEquals(request.updateExpression(), transactional.updateExpression());
        assertEquals(request.conditionExpression(), transactional.conditionExpression());
        assertEquals(request.expressionAttributeNames(), transactional.expressionAttributeNames());
        assertEquals(request.expressionAttributeValues(), transactional.expressionAttributeValues());
        assertEquals(
                Map.of(":state", AttributeValue.fromS("retrying"), ":token", AttributeValue.fromS("t-1")),
                request.expressionAttributeValues());
    }

    @Test
    void anUnconditionalWriteSendsNoConditionAndNoAliases() {
        UpdateItemRequest request = new UpdateExpression()
                .add("duplicatesSkipped", 1)
                .applyTo(UpdateItemRequest.builder().tableName("t"))
                .build();

        assertNull(request.conditionExpression());
        assertFalse(request.hasExpressionAttributeNames(), "an unset map is not sent");
    }
}
