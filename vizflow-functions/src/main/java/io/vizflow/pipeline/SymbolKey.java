package io.vizflow.pipeline;

import io.vizflow.BadInputException;
import io.vizflow.row.BlockReader;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowSchema;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;

import java.io.Serializable;

/**
 * A day's symbol column, int64 or string: which block writer a row of a batch goes to
 * ({@link SymbolBlocks}) and the key of a block; a null symbol is refused.
 */
abstract class SymbolKey<K> implements Serializable {
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
    KeySelector<RowBlock, K> ofBlocks(RowSchema schema) {
        BlockReader reader = new BlockReader(schema);
        return block -> {
            K v = first(reader, block);
            if (v == null) throw nullSymbol();
            return v;
        };
    }

    /** The symbol of the block's first row, or null. */
    abstract K first(BlockReader reader, RowBlock block);

    /** The number of each row's symbol ({@link SymbolWriters#idOf}) into {@code into}. */
    abstract void idsOf(SymbolWriters writers, ColumnBatch batch, int[] into);

    static SymbolKey<?> of(RowSchema schema, String column) {
        int i = schema.indexOf(column);
        ColumnType t = schema.type(i);
        if (t == ColumnType.LONG) return new LongKey(i, column);
        if (t == ColumnType.STRING) return new StringKey(i, column);
        throw new IllegalArgumentException("symbol column '" + column + "' is " + t + ", expected int64 or string");
    }

    /** Fails if any row of the batch has no symbol. */
    void requirePresent(ColumnBatch batch) {
        if (batch.hasNulls(index)) {
            for (int r = 0; r < batch.size(); r++) {
                if (batch.isNull(index, r)) throw nullSymbol();
            }
        }
    }

    private BadInputException nullSymbol() {
        return new BadInputException("column '" + column + "': null symbol");
    }

    static final class LongKey extends SymbolKey<Long> {
        private static final long serialVersionUID = 1L;

        LongKey(int index, String column) {
            super(index, column);
        }

        @Override
        TypeInformation<Long> type() {
            return Types.LONG;
        }

        @Override
        Long first(BlockReader reader, RowBlock block) {
            return reader.firstLong(block, index);
        }

        @Override
        void idsOf(SymbolWriters writers, ColumnBatch batch, int[] into) {
            long[] symbols = batch.longs(index);
            for (int r = 0, n = batch.size(); r < n; r++) into[r] = writers.idOf(symbols[r]);
        }
    }

    static final class StringKey extends SymbolKey<String> {
        private static final long serialVersionUID = 1L;

        StringKey(int index, String column) {
            super(index, column);
        }

        @Override
        TypeInformation<String> type() {
            return Types.STRING;
        }

        @Override
        String first(BlockReader reader, RowBlock block) {
            return reader.firstString(block, index);
        }

        @Override
        void idsOf(SymbolWriters writers, ColumnBatch batch, int[] into) {
            String[] symbols = batch.strings(index);
            for (int r = 0, n = batch.size(); r < n; r++) into[r] = writers.idOf((Object) symbols[r]);
        }
    }
}
