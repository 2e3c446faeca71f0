package io.vizflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** {@code TagCondition}: a boolean column from a Java expression over the row's columns. */
class TagConditionTest {
    private static final RowSchema FILLS = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("side", ColumnType.STRING)
            .with("qty", ColumnType.LONG)
            .with("price", ColumnType.DOUBLE)
            .with("is_open", ColumnType.BOOLEAN);

    private static VizRow fill(String side, Long qty, Double price) {
        VizRow r = new VizRow(FILLS.size()).setLong(0, 1).setString(1, side).setBoolean(4, true);
        if (qty == null) r.setNull(2); else r.setLong(2, qty);
        if (price == null) r.setNull(3); else r.setDouble(3, price);
        return r;
    }

    /** The tag of one row, or null. */
    private static Boolean tag(TagCondition condition, VizRow row) throws Exception {
        RowSchema out = condition.bind(FILLS);
        condition.open(null);
        return tagOf(condition, out, row);
    }

    /** The tag {@code condition} (bound to {@code FILLS}, making {@code out}) sets on a batch of one row. */
    private static Boolean tagOf(TagCondition condition, RowSchema out, VizRow row) throws Exception {
        ColumnBatch batch = ColumnBatch.of(out, row.ensureWidth(out.size()));
        condition.apply(batch);
        return (Boolean) batch.row(0, new VizRow(out.size())).get(out.size() - 1, ColumnType.BOOLEAN);
    }

    @Test
    void shouldAppendABooleanColumnNamedAfterTheTag() {
        assertEquals(FILLS.with("is_large", ColumnType.BOOLEAN), TagCondition.of("is_large", "qty > 10000").bind(FILLS));
    }

    @Test
    void shouldCompareNumbers() throws Exception {
        TagCondition large = TagCondition.of("is_large", "qty > 10000");
        assertTrue(tag(large, fill("B", 10_001L, 1.0)));
        assertFalse(tag(large, fill("B", 10_000L, 1.0)));
    }

    @Test
    void shouldCompareStringsWithJavaSyntax() throws Exception {
        TagCondition buy = TagCondition.of("is_buy", "side.equals(\"B\")");
        assertTrue(tag(buy, fill("B", 1L, 1.0)));
        assertFalse(tag(buy, fill("S", 1L, 1.0)));
    }

    @Test
    void shouldCombineColumnsOfEveryType() throws Exception {
        TagCondition cond = TagCondition.of("big_buy", "side.equals(\"B\") && qty * price >= 1000.0 && is_open");
        assertTrue(tag(cond, fill("B", 100L, 10.0)));
        assertFalse(tag(cond, fill("B", 99L, 10.0)));
        assertFalse(tag(cond, fill("S", 100L, 10.0)));
    }

    @Test
    void shouldCallJavaLibraryMethods() throws Exception {
        assertTrue(tag(TagCondition.of("far", "Math.abs(price) > 5"), fill("B", 1L, -10.0)));
        assertTrue(tag(TagCondition.of("far", "java.lang.Math.abs(price) > 5"), fill("B", 1L, -10.0)));
        assertTrue(tag(TagCondition.of("is_buy", "\"B\".equals(side) || side.startsWith(\"b\")"), fill("b", 1L, 1.0)));
    }

    @Test
    void shouldGiveANullTagWhenAColumnItReadsIsNull() throws Exception {
        assertNull(tag(TagCondition.of("is_large", "qty > 10000"), fill("B", null, 1.0)));
        assertNull(tag(TagCondition.of("is_buy", "side.equals(\"B\")"), fill(null, 1L, 1.0)));
    }

    @Test
    void shouldIgnoreNullsInColumnsItDoesNotRead() throws Exception {
        assertTrue(tag(TagCondition.of("is_large", "qty > 10"), fill("B", 100L, null)));
    }

    @Test
    void shouldNameTheKeyAndTheUnknownColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TagCondition.of("is_big", "quantity > 5").bind(FILLS));
        assertTrue(e.getMessage().startsWith("enrich.conditions.is_big"), e.getMessage());
        assertTrue(e.getMessage().contains("quantity"), e.getMessage());
    }

    @Test
    void shouldNameTheKeyOfAnExpressionThatDoesNotCompile() {
        IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class,
                () -> TagCondition.of("broken", "qty >").bind(FILLS));
        assertTrue(syntax.getMessage().startsWith("enrich.conditions.broken"), syntax.getMessage());

        IllegalArgumentException types = assertThrows(IllegalArgumentException.class,
                () -> TagCondition.of("odd", "side > 5").bind(FILLS));
        assertTrue(types.getMessage().startsWith("enrich.conditions.odd"), types.getMessage());

        IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
                () -> TagCondition.of("number", "qty + 1").bind(FILLS));
        assertTrue(notBoolean.getMessage().startsWith("enrich.conditions.number"), notBoolean.getMessage());
    }

    @Test
    void shouldWorkAfterBeingShippedToATask() throws Exception {
        TagCondition planned = TagCondition.of("is_large", "qty > 10000");
        RowSchema out = planned.bind(FILLS);

        TagCondition shipped = InstantiationUtil.clone(planned);
        shipped.open(null);
        assertTrue(tagOf(shipped, out, fill("B", 20_000L, 1.0)));
    }

    @Test
    void shouldTagEveryRowOfABatchAndNullOnlyWhereAColumnItReadsIsNull() throws Exception {
        TagCondition cond = TagCondition.of("big_buy", "side.equals(\"B\") && qty * price >= 1000.0 && is_open");
        RowSchema out = cond.bind(FILLS);
        cond.open(null);
        VizRow[] rows = {fill("B", 100L, 10.0), fill(null, 100L, 10.0), fill("B", 99L, 10.0), fill("B", null, 10.0),
                fill("S", 100L, 10.0), fill("B", 100L, null), fill("B", 200L, 10.0)};
        for (VizRow r : rows) r.ensureWidth(out.size());
        ColumnBatch batch = ColumnBatch.of(out, rows);
        cond.apply(batch);
        Boolean[] tags = new Boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            tags[r] = (Boolean) batch.row(r, new VizRow(out.size())).get(out.size() - 1, ColumnType.BOOLEAN);
        }
        assertEquals(java.util.Arrays.asList(true, null, false, null, false, null, true), java.util.Arrays.asList(tags));
    }

    @Test
    void shouldTakeColumnsNamedLikeTheCompiledCodesOwnVariables() throws Exception {
        RowSchema odd = RowSchema.empty().with("r", ColumnType.LONG).with("n", ColumnType.LONG).with("o", ColumnType.LONG);
        TagCondition cond = TagCondition.of("t", "r + n > o");
        RowSchema out = cond.bind(odd);
        cond.open(null);
        ColumnBatch batch = ColumnBatch.of(out, new VizRow(out.size()).setLong(0, 2).setLong(1, 3).setLong(2, 4),
                new VizRow(out.size()).setLong(0, 1).setLong(1, 1).setLong(2, 4));
        cond.apply(batch);
        assertEquals(1, batch.longs(3)[0]);
        assertEquals(0, batch.longs(3)[1]);

        RowSchema dollar = RowSchema.empty().with("$b", ColumnType.LONG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagCondition.of("t", "$b > 1").bind(dollar));
        assertEquals("enrich.conditions.t: '$b > 1' names '$b': names starting with '$' are the compiled code's own", e.getMessage());
    }
}
