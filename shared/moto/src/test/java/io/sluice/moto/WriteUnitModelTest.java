package io.sluice.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.topology.TableSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link WriteUnitModel} against examples worked out by hand from AWS's pages (linked from the class): each comment
 * shows the arithmetic.
 */
class WriteUnitModelTest {
    /** A table like the jobs table: one index projecting one attribute, one keys only, one everything. */
    private static final TableSpec TABLE = new TableSpec(
            "t",
            "pk",
            null,
            List.of(
                    new TableSpec.IndexSpec("byState", "stateShard", "stateAt", TableSpec.Projection.include("source")),
                    new TableSpec.IndexSpec("keys", "k", null, TableSpec.Projection.keysOnly()),
                    new TableSpec.IndexSpec("all", "a", null, TableSpec.Projection.all())),
            null);

    private static final WriteUnitModel MODEL = new WriteUnitModel(TABLE);

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /** An item whose size is exactly {@code bytes}: pk (2 + 6) and a filler string. */
    private static Map<String, AttributeValue> sized(int bytes) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("JOB#j1")); // 2 + 6 = 8 bytes
        item.put("f", s("x".repeat(bytes - 8 - 1))); // 1 + (bytes - 9)
        assertEquals(bytes, WriteUnitModel.itemSize(item));
        return item;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue v) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(name, v);
        return copy;
    }

    @Test
    void attributeSizesAreTheNamesAndValuesAsAwsCountsThem() {
        // "pk" 2 + "JOB#é" 6 (é is 2 bytes in UTF-8) = 8
        assertEquals(8, WriteUnitModel.itemSize(Map.of("pk", s("JOB#é"))));
        // "n" 1 + 123: 3 significant digits -> 2 bytes + 1 = 3; total 4
        assertEquals(4, WriteUnitModel.itemSize(Map.of("n", n("123"))));
        // 1200 and 0.0012 have 2 significant digits: 1 + 1 = 2 bytes
        assertEquals(2, WriteUnitModel.numberSize("1200"));
        assertEquals(2, WriteUnitModel.numberSize("0.0012"));
        assertEquals(1, WriteUnitModel.numberSize("0"));
        // epoch millis 1700000000123: 13 digits -> 7 + 1 = 8
        assertEquals(8, WriteUnitModel.numberSize("1700000000123"));
        // "b" 1 + true 1 = 2; "z" 1 + null 1 = 2; "bin" 3 + 4 raw bytes = 7
        assertEquals(2, WriteUnitModel.itemSize(Map.of("b", AttributeValue.fromBool(true))));
        assertEquals(2, WriteUnitModel.itemSize(Map.of("z", AttributeValue.fromNul(true))));
        assertEquals(
                7, WriteUnitModel.itemSize(Map.of("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[4])))));
        // a list: "l" 1 + 3 overhead + ("ab" 2 + 1) + (7: 1 + 1, + 1) = 1 + 3 + 3 + 3 = 10
        assertEquals(10, WriteUnitModel.itemSize(Map.of("l", AttributeValue.fromL(List.of(s("ab"), n("7"))))));
        // a map: "m" 1 + 3 overhead + ("k" 1 + "v" 1 + 1) = 7
        assertEquals(7, WriteUnitModel.itemSize(Map.of("m", AttributeValue.fromM(Map.of("k", s("v"))))));
        // an empty list: "e" 1 + 3 = 4
        assertEquals(4, WriteUnitModel.itemSize(Map.of("e", AttributeValue.fromL(List.of()))));
    }

    @Test
    void aTableWriteCostsOneUnitPerStartedKbOfTheLargerOfBeforeAndAfter() {
        assertEquals(1, MODEL.write(null, sized(300), false).table(), "a new 300-byte item");
        assertEquals(1, MODEL.write(sized(300), sized(1024), false).table(), "1,024 bytes is one KB");
        assertEquals(2, MODEL.write(sized(900), sized(1025), false).table(), "the after image, 1,025 bytes");
        assertEquals(2, MODEL.write(sized(1500), sized(200), false).table(), "the before image, 1,500 bytes");
        assertEquals(3, MODEL.write(sized(2100), null, false).table(), "a delete of a 2,100-byte item");
        assertEquals(4, MODEL.write(sized(2000), sized(2000), true).table(), "a transaction: 2 x 2 KB");
    }

    @Test
    void aRefusedConditionCostsTheItemsSizeAndWritesNoIndex() {
        Map<String, AttributeValue> item = with(with(sized(1500), "stateShard", s("a#1")), "stateAt", s("t1"));
        WriteUnitModel.Units refused = MODEL.refused(item, false);
        assertEquals(2, refused.table());
        assertEquals(0, refused.indexTotal());
        assertEquals(1, MODEL.refused(null, false).table(), "no item: still at least one unit");
        assertEquals(2, MODEL.refused(null, true).table(), "a refused transaction item");
    }

    @Test
    void anIndexIsPutWhenTheItemGainsItsKeysDeletedWhenItLosesThem() {
        Map<String, AttributeValue> bare = sized(300);
        Map<String, AttributeValue> listed =
                with(with(bare, "stateShard", s("mail#running#low#3")), "stateAt", s("t1#j1"));

        WriteUnitModel.Units put = MODEL.write(bare, listed, false);
        assertEquals(Map.of("byState", 1, "keys", 0, "all", 0), put.indexes());
        assertEquals(2, put.total(), "1 table + 1 index");

        Map<String, AttributeValue> onlyOneKey = with(bare, "stateShard", s("mail#running#low#3"));
        assertEquals(0, MODEL.write(bare, onlyOneKey, false).indexTotal(), "an entry needs both keys (sparse)");

        WriteUnitModel.Units delete = MODEL.write(listed, bare, false);
        assertEquals(1, delete.indexes().get("byState"));
    }

    @Test
    void aChangedKeyIsADeleteAndAPutAChangedProjectionAPutAnythingElseNothing() {
        Map<String, AttributeValue> running =
                with(with(sized(400), "stateShard", s("mail#running#low#3")), "stateAt", s("t1#j1"));
        Map<String, AttributeValue> succeeded = with(
                with(with(running, "stateShard", s("mail#succeeded#low#3")), "stateAt", s("t2#j1")),
                "result",
                s("HTTP 204"));
        assertEquals(2, MODEL.write(running, succeeded, false).indexes().get("byState"), "delete + put");

        Map<String, AttributeValue> sourced = with(running, "source", s("shop"));
        assertEquals(1, MODEL.write(running, sourced, false).indexes().get("byState"), "source is projected");

        Map<String, AttributeValue> resulted = with(running, "result", s("ok"));
        assertEquals(0, MODEL.write(running, resulted, false).indexes().get("byState"), "result is not projected");
    }

    @Test
    void anEntryCostsItsProjectionNotTheItem() {
        // A 3,000-byte item with every index's key.
        Map<String, AttributeValue> item = with(with(with(sized(3000), "k", s("K")), "a", s("A")), "x", s("1"));
        WriteUnitModel.Units units = MODEL.write(null, item, false);
        // keys only: pk 8 + "k" 1 + "K" 1 + 100 = 110 bytes -> 1 unit
        assertEquals(1, units.indexes().get("keys"));
        // all: the item, 3,000 + 4 + 4 + 2 = 3,010 bytes, + 100 -> 3,110 -> 4 units
        assertEquals(4, units.indexes().get("all"));
        assertEquals(3, units.table(), "3,010 bytes -> 3 units");
        // an entry of exactly 1 KB with its overhead is 1 unit (pk 8 + "k" 1 + 915 + 100 = 1,024), a byte more is 2
        Map<String, AttributeValue> big = Map.of("pk", s("JOB#j1"), "k", s("y".repeat(1024 - 100 - 8 - 1)));
        assertEquals(1, MODEL.write(null, big, false).indexes().get("keys"));
        Map<String, AttributeValue> bigger = Map.of("pk", s("JOB#j1"), "k", s("y".repeat(1024 - 100 - 8)));
        assertEquals(2, MODEL.write(null, bigger, false).indexes().get("keys"));
    }

    @Test
    void aFirstTimeSuccessOnTheOldDesignCostsFiveUnitsAndOnTheNewThree() {
        // The old design: every claim and completion moves the job in an index that projects everything.
        TableSpec old = new TableSpec(
                "old", "pk", null, List.of(new TableSpec.IndexSpec("byTypeState", "typeState", "stateAt")), null);
        WriteUnitModel oldModel = new WriteUnitModel(old);
        Map<String, AttributeValue> claimed =
                with(with(sized(500), "typeState", s("mail#running")), "stateAt", s("t1#j1"));
        Map<String, AttributeValue> done = with(with(claimed, "typeState", s("mail#succeeded")), "stateAt", s("t2#j1"));
        assertEquals(
                5,
                oldModel.write(null, claimed, false).total()
                        + oldModel.write(claimed, done, false).total(),
                "claim: 1 + put 1; success: 1 + delete 1 + put 1");

        // The new one: the first delivery's claim leaves the index alone; the success puts one small entry.
        Map<String, AttributeValue> newClaimed = sized(500);
        Map<String, AttributeValue> newDone =
                with(with(newClaimed, "stateShard", s("mail#succeeded#low#3")), "stateAt", s("t2#j1"));
        assertEquals(
                3,
                MODEL.write(null, newClaimed, false).total()
                        + MODEL.write(newClaimed, newDone, false).total());
    }
}
