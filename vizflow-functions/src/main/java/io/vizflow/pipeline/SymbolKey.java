package io.vizflow.pipeline;

import io.vizflow.BadInputException;
import io.vizflow.row.BlockReader;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
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

    /**
     * Keys a block by its rows' symbol (a block holds one symbol's rows, see {@link SymbolBlocks}),
     * read from its first row alone.
     */
    abstract KeySelector<RowBlock, K> ofBlocks(RowSchema schema);

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

    static final class LongKey extends SymbolKey<Long> {
        private static final long serialVersionUID = 1L;

        LongKey(int index, String column) {
            super(index, column);
        }

        @Override
        public Long getKey(VizRow row) {
            return symbol(row);
        }

        /** The symbol, unboxed. */
        long symbol(VizRow row) {
            requirePresent(row);
            return row.getLong(index);
        }

        @Override
        TypeInformation<Long> type() {
            return Types.LONG;
        }

        @Override
        KeySelector<RowBlock, Long> ofBlocks(RowSchema schema) {
            BlockReader reader = new BlockReader(schema);
            int i = index;
            String c = column;
            return block -> {
                Long v = reader.firstLong(block, i);
                if (v == null) throw new BadInputException("column '" + c + "': null symbol");
                return v;
            };
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

        @Override
        KeySelector<RowBlock, String> ofBlocks(RowSchema schema) {
            BlockReader reader = new BlockReader(schema);
            int i = index;
            String c = column;
            return block -> {
                String v = reader.firstString(block, i);
                if (v == null) throw new BadInputException("column '" + c + "': null symbol");
                return v;
            };
        }
    }
}
