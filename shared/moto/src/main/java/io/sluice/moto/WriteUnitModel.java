package io.sluice.moto;

import io.sluice.topology.TableSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write units DynamoDB bills for one write to a table and its global secondary indexes, worked out from the
 * item as it was before the write and as it is after, because the emulators report no consumed capacity. The rules,
 * from AWS's pages:
 *
 * <ul>
 *   <li>An item's size is the sum of its attribute names' and values' sizes: a string its UTF-8 bytes, a number one
 *       byte per two significant digits plus one, a binary its raw bytes, a boolean or null one byte, a list or map
 *       three bytes plus its elements plus one byte per element
 *       (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">item
 *       sizes and formats</a>).</li>
 *   <li>A write to the table costs one unit per started KB of the larger of the item before and after
 *       ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}); a transactional write twice that; a write whose
 *       condition fails still costs the item's size, and writes no index
 *       (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">read and
 *       write operations</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">transactions</a>).</li>
 *   <li>Per index: a write that gives the item the index's keys puts an entry; one that takes them away deletes the
 *       entry; one that changes a key's value deletes the old entry and puts the new one; one that changes a projected
 *       attribute and no key puts the entry; anything else writes nothing. An entry's size is the table's key, the
 *       index's keys, the projected attributes and 100 bytes, rounded up per KB like an item
 *       (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes">global
 *       secondary indexes: writes</a>). Index writes of a transaction are counted as standard writes: the
 *       transactions page doubles the cost of the items, and says nothing of their indexes.</li>
 * </ul>
 */
public final class WriteUnitModel {
    private static final int KB = 1024;
    /** What an index entry costs besides its attributes. */
    static final int INDEX_ENTRY_OVERHEAD = 100;

    private final TableSpec table;

    public WriteUnitModel(TableSpec table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The units of one write: the table's and each index's (every index of the spec, 0 when untouched). */
    public record Units(int table, Map<String, Integer> indexes) {
        public Units {
            indexes = Map.copyOf(indexes);
        }

        public int indexTotal() {
            return indexes.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int total() {
            return table + indexTotal();
        }
    }

    /**
     * A write that took effect.
     *
     * @param before the item before the write; {@code null} or empty if it did not exist
     * @param after the item after the write; {@code null} or empty if the write deleted it
     * @param transactional the write was one item of a {@code TransactWriteItems}
     */
    public Units write(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional) {
        before = before == null ? Map.of() : before;
        after = after == null ? Map.of() : after;
        int tableUnits = units(Math.max(itemSize(before), itemSize(after)));
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (TableSpec.IndexSpec index : table.indexes()) {
            indexes.put(index.name(), indexUnits(index, before, after));
        }
        return new Units(transactional ? 2 * tableUnits : tableUnits, indexes);
    }

    /** A write refused by its condition on the item as it was ({@code null} or empty if absent). */
    public Units refused(Map<String, AttributeValue> before, boolean transactional) {
        int tableUnits = units(itemSize(before == null ? Map.of() : before));
        Map<String, Integer> indexes = new LinkedHashMap<>();
        table.indexes().forEach(index -> indexes.put(index.name(), 0));
        return new Units(transactional ? 2 * tableUnits : tableUnits, indexes);
    }

    private int indexUnits(
            TableSpec.IndexSpec index, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Map<String, AttributeValue> old = entry(index, before);
        Map<String, AttributeValue> now = entry(index, after);
        if (old == null && now == null) {
            return 0;
        }
        if (old == null) {
            return entryUnits(now);
        }
        if (now == null) {
            return entryUnits(old);
        }
        if (!sameKeys(index, old, now)) {
            return entryUnits(old) + entryUnits(now);
        }
        return old.equals(now) ? 0 : entryUnits(now);
    }

    /** The index entry of an item, or {@code null} if the item lacks one of the index's keys (a sparse index). */
    Map<String, AttributeValue> entry(TableSpec.IndexSpec index, Map<String, AttributeValue> item) {
        if (!item.containsKey(index.partitionKey())
                || (index.sortKey() != null && !item.containsKey(index.sortKey()))) {
            return null;
        }
        if (index.projection().type() == TableSpec.ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> entry = new LinkedHashMap<>();
        for (String key : keyAttributes(index)) {
            if (item.containsKey(key)) {
                entry.put(key, item.get(key));
            }
        }
        for (String attribute : index.projection().nonKeyAttributes()) {
            if (item.containsKey(attribute)) {
                entry.put(attribute, item.get(attribute));
            }
        }
        return entry;
    }

    private List<String> keyAttributes(TableSpec.IndexSpec index) {
        return java.util.stream.Stream.of(table.partitionKey(), table.sortKey(), index.partitionKey(), index.sortKey())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    private static boolean sameKeys(
            TableSpec.IndexSpec index, Map<String, AttributeValue> old, Map<String, AttributeValue> now) {
        return Objects.equals(old.get(index.partitionKey()), now.get(index.partitionKey()))
                && (index.sortKey() == null || Objects.equals(old.get(index.sortKey()), now.get(index.sortKey())));
    }

    private static int entryUnits(Map<String, AttributeValue> entry) {
        return units(itemSize(entry) + INDEX_ENTRY_OVERHEAD);
    }

    /** Units for a size in bytes: one per started KB, at least one. */
    static int units(int bytes) {
        return Math.max(1, (bytes + KB - 1) / KB);
    }

    /** An item's size in bytes, as DynamoDB counts it. */
    public static int itemSize(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    /** A value's size without its name. */
    static int valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToInt(WriteUnitModel::utf8).sum();
            case NS -> value.ns().stream().mapToInt(WriteUnitModel::numberSize).sum();
            case BS ->
                value.bs().stream()
                        .map(SdkBytes::asByteArray)
                        .mapToInt(b -> b.length)
                        .sum();
            case L -> 3 + value.l().stream().mapToInt(v -> 1 + valueSize(v)).sum();
            case M ->
                3
                        + value.m().entrySet().stream()
                                .mapToInt(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue()))
                                .sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of no known type");
        };
    }

    /** One byte per two significant digits, plus one; leading and trailing zeros do not count. */
    static int numberSize(String number) {
        String digits = new BigDecimal(number).abs().unscaledValue().toString();
        digits = digits.replaceAll("0+$", "");
        if (digits.isEmpty() || digits.equals("0")) {
            return 1;
        }
        return (digits.length() + 1) / 2 + 1;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
