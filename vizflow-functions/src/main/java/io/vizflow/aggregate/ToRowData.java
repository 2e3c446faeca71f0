package io.vizflow.aggregate;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import java.util.List;

/**
 * Hands the columns a query needs to the Table API as Flink's internal {@link RowData}, so the
 * planner takes them without another conversion.
 */
final class ToRowData implements MapFunction<VizRow, RowData> {
    private static final long serialVersionUID = 1L;

    private final int[] indexes;
    private final byte[] kinds;
    private transient String[] lastString;
    private transient StringData[] lastStringData;

    ToRowData(RowSchema schema, List<String> columns) {
        indexes = new int[columns.size()];
        kinds = new byte[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = schema.indexOf(columns.get(i));
            kinds[i] = (byte) schema.type(indexes[i]).ordinal();
        }
    }

    static InternalTypeInfo<RowData> typeInfo(RowSchema schema, List<String> columns) {
        LogicalType[] types = new LogicalType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = logicalType(schema.type(columns.get(i)));
        }
        return InternalTypeInfo.of(RowType.of(types, columns.toArray(new String[0])));
    }

    static LogicalType logicalType(ColumnType type) {
        switch (type) {
            case LONG: return new BigIntType();
            case DOUBLE: return new DoubleType();
            case STRING: return new VarCharType(VarCharType.MAX_LENGTH);
            default: return new BooleanType();
        }
    }

    /** Sides, flags and symbols repeat: encode a string once while it repeats. */
    private StringData stringData(int column, String s) {
        if (lastString == null) {
            lastString = new String[indexes.length];
            lastStringData = new StringData[indexes.length];
        }
        if (!s.equals(lastString[column])) {
            lastString[column] = s;
            lastStringData[column] = StringData.fromString(s);
        }
        return lastStringData[column];
    }

    /** Writes the row in Flink's binary row format directly: no boxed values. */
    @Override
    public RowData map(VizRow row) {
        BinaryRowData out = new BinaryRowData(indexes.length);
        BinaryRowWriter w = new BinaryRowWriter(out);
        for (int i = 0; i < indexes.length; i++) {
            int c = indexes[i];
            if (row.isNull(c)) {
                w.setNullAt(i);
                continue;
            }
            switch (kinds[i]) {
                case 0: w.writeLong(i, row.getLong(c)); break;
                case 1: w.writeDouble(i, row.getDouble(c)); break;
                case 2: w.writeString(i, stringData(i, row.getString(c))); break;
                default: w.writeBoolean(i, row.getBoolean(c));
            }
        }
        w.complete();
        return out;
    }
}
