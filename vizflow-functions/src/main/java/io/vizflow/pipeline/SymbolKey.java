package io.vizflow.pipeline;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys rows by their symbol column, int64 or string; a null symbol is refused. */
abstract class SymbolKey<K> implements KeySelector<VizRow, K> {
    private static final long serialVersionUID = 1L;

    final int index;
    final String column;

    SymbolKey(int index, String column) {
        this.index = index;
        this.column = column;
    }

    abstract TypeInformation<K> type();

    static SymbolKey<?> of(RowSchema schema, String column) {
        int i = schema.indexOf(column);
        ColumnType t = schema.type(i);
        if (t == ColumnType.LONG) return new LongKey(i, column);
        if (t == ColumnType.STRING) return new StringKey(i, column);
        throw new IllegalArgumentException("symbol column '" + column + "' is " + t + ", expected int64 or string");
    }

    void requirePresent(VizRow row) {
        if (row.isNull(index)) {
            throw new BadInputException("column '" + column + "': null symbol");
        }
    }

    /** The symbol's dense id from a scan of the file: a 4-byte key, so the keyed sort's 8-byte normalized key also holds the row's order. */
    static SymbolKey<Integer> ofIds(RowSchema schema, String column, io.vizflow.source.SymbolIds ids) {
        int i = schema.indexOf(column);
        ColumnType t = schema.type(i);
        if (t != ColumnType.LONG && t != ColumnType.STRING) {
            throw new IllegalArgumentException("symbol column '" + column + "' is " + t + ", expected int64 or string");
        }
        return new IdKey(i, column, ids, t == ColumnType.LONG);
    }

    static final class IdKey extends SymbolKey<Integer> {
        private static final long serialVersionUID = 1L;
        private final io.vizflow.source.SymbolIds ids;
        private final boolean longs;

        IdKey(int index, String column, io.vizflow.source.SymbolIds ids, boolean longs) {
            super(index, column);
            this.ids = ids;
            this.longs = longs;
        }

        @Override
        public Integer getKey(VizRow row) {
            requirePresent(row);
            return longs ? ids.of(row.getLong(index)) : ids.of(row.getString(index));
        }

        @Override
        TypeInformation<Integer> type() {
            return Types.INT;
        }
    }

    static final class LongKey extends SymbolKey<Long> {
        private static final long serialVersionUID = 1L;

        LongKey(int index, String column) {
            super(index, column);
        }

        @Override
        public Long getKey(VizRow row) {
            requirePresent(row);
            return row.getLong(index);
        }

        @Override
        TypeInformation<Long> type() {
            return Types.LONG;
        }
    }

    static final class StringKey extends SymbolKey<String> {
        private static final long serialVersionUID = 1L;

        StringKey(int index, String column) {
            super(index, column);
        }

        @Override
        public String getKey(VizRow row) {
            requirePresent(row);
            return row.getString(index);
        }

        @Override
        TypeInformation<String> type() {
            return Types.STRING;
        }
    }
}
