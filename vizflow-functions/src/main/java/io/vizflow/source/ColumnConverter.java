package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.ColumnBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * Copies one Arrow column of a loaded batch into one column of a {@link ColumnBatch}. One subclass per
 * target type; the source width is chosen once per batch, so each loop reads one primitive per
 * row straight from the Arrow buffer (no boxing, no lookups).
 */
abstract class ColumnConverter {
    // physical kinds of integer sources
    static final int I8 = 0, I16 = 1, I32 = 2, I64 = 3, U8 = 4, U16 = 5, U32 = 6, U64 = 7;

    final String file;
    final String column;
    final int pos;
    final boolean required;
    private ArrowBuf validity;
    private boolean hasNulls;

    ColumnConverter(String file, InputColumn column, int pos) {
        this.file = file;
        this.column = column.fileColumn();
        this.pos = pos;
        this.required = column.required();
    }

    /** Points this converter at the column's vector in the batch just loaded. */
    final void bind(FieldVector vector) {
        validity = vector.getValidityBuffer();
        hasNulls = vector.getNullCount() > 0;
        bindData(vector);
    }

    abstract void bindData(FieldVector vector);

    /** Converts batch rows {@code [from, from + n)} into rows {@code [0, n)} of {@code into}; their row ids start at {@code firstRowId}. */
    final void convert(ColumnBatch into, int n, int from, long firstRowId) {
        prepare(from, n);
        into.clearNulls(pos);
        if (!hasNulls) {
            convertAll(into, n, from, firstRowId);
            return;
        }
        ArrowBuf v = validity;
        for (int i = 0; i < n; i++) {
            int r = from + i;
            if (((v.getByte(r >>> 3) >>> (r & 7)) & 1) == 0) {
                if (required) {
                    throw nullInRequiredColumn(firstRowId + i);
                }
                into.setNull(pos, i);
            } else {
                convertOne(into, i, r, firstRowId + i);
            }
        }
    }

    void prepare(int from, int n) {}

    /** Converts rows known to be non-null. */
    abstract void convertAll(ColumnBatch into, int n, int from, long firstRowId);

    /** Converts batch row {@code r} (not null) into row {@code i}. */
    abstract void convertOne(ColumnBatch into, int i, int r, long rowId);

    final BadInputException nullInRequiredColumn(long rowId) {
        return new BadInputException(
                file + ": column '" + column + "' row " + rowId + ": null value in a required column");
    }

    // ---- creation and type checks ----

    /**
     * The converter for one input column, or a {@link BadInputException} naming the file, the
     * column and its type if the column cannot become the requested type.
     *
     * @param dictionaries the decoded dictionaries by id (only asked for dictionary-encoded columns)
     */
    static ColumnConverter create(String file, InputColumn c, int pos, Field field,
                                  LongFunction<StringDictionary> dictionaries) {
        ArrowType t = field.getType();
        ColumnType target = c.type();
        if (field.getDictionary() != null) {
            if (target == ColumnType.STRING && (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8)) {
                ArrowType.Int index = field.getDictionary().getIndexType();
                return new DictionaryStrings(file, c, pos, intKind(index),
                        dictionaries.apply(field.getDictionary().getId()));
            }
            throw wrongType(file, c, field);
        }
        switch (target) {
            case LONG:
                if (t instanceof ArrowType.Int) {
                    int kind = intKind((ArrowType.Int) t);
                    if (kind == U64) {
                        throw new BadInputException(file + ": column '" + c.fileColumn()
                                + "' is uint64, which does not fit a signed 64-bit integer");
                    }
                    return new Longs(file, c, pos, kind);
                }
                if (t instanceof ArrowType.Timestamp) {
                    return new Longs(file, c, pos, I64);
                }
                break;
            case DOUBLE:
                if (t instanceof ArrowType.FloatingPoint) {
                    FloatingPointPrecision p = ((ArrowType.FloatingPoint) t).getPrecision();
                    if (p == FloatingPointPrecision.SINGLE) return new Doubles(file, c, pos, Doubles.F32);
                    if (p == FloatingPointPrecision.DOUBLE) return new Doubles(file, c, pos, Doubles.F64);
                    break;
                }
                if (t instanceof ArrowType.Int) {
                    return new Doubles(file, c, pos, intKind((ArrowType.Int) t));
                }
                break;
            case STRING:
                if (t instanceof ArrowType.Utf8) return new Strings(file, c, pos);
                if (t instanceof ArrowType.LargeUtf8) return new LargeStrings(file, c, pos);
                break;
            case BOOLEAN:
                if (t instanceof ArrowType.Bool) return new Booleans(file, c, pos);
                break;
            default:
                break;
        }
        throw wrongType(file, c, field);
    }

    private static BadInputException wrongType(String file, InputColumn c, Field field) {
        String expected;
        switch (c.type()) {
            case LONG: expected = "an integer or timestamp column"; break;
            case DOUBLE: expected = "a floating-point or integer column"; break;
            case STRING: expected = "a string column (Utf8, LargeUtf8 or dictionary-encoded strings)"; break;
            default: expected = "a boolean column"; break;
        }
        return new BadInputException(
                file + ": column '" + c.fileColumn() + "' is " + describe(field) + ", expected " + expected);
    }

    static int intKind(ArrowType.Int t) {
        int base = t.getIsSigned() ? I8 : U8;
        switch (t.getBitWidth()) {
            case 8: return base;
            case 16: return base + 1;
            case 32: return base + 2;
            case 64: return base + 3;
            default: throw new IllegalArgumentException("integer of " + t.getBitWidth() + " bits");
        }
    }

    /** A column type as a user would name it: int64, uint8, float64, Utf8, timestamp[ns, tz=...], dictionary<int32, Utf8>. */
    static String describe(Field field) {
        if (field.getDictionary() != null) {
            return "dictionary<" + describe(field.getDictionary().getIndexType()) + ", "
                    + describe(field.getType()) + ">";
        }
        return describe(field.getType());
    }

    static String describe(ArrowType t) {
        if (t instanceof ArrowType.Int) {
            ArrowType.Int i = (ArrowType.Int) t;
            return (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
        }
        if (t instanceof ArrowType.FloatingPoint) {
            switch (((ArrowType.FloatingPoint) t).getPrecision()) {
                case HALF: return "float16";
                case SINGLE: return "float32";
                default: return "float64";
            }
        }
        if (t instanceof ArrowType.Timestamp) {
            ArrowType.Timestamp ts = (ArrowType.Timestamp) t;
            String unit = ts.getUnit() == TimeUnit.SECOND ? "s"
                    : ts.getUnit() == TimeUnit.MILLISECOND ? "ms"
                    : ts.getUnit() == TimeUnit.MICROSECOND ? "us" : "ns";
            return "timestamp[" + unit + (ts.getTimezone() == null ? "" : ", tz=" + ts.getTimezone()) + "]";
        }
        if (t instanceof ArrowType.Utf8) return "Utf8";
        if (t instanceof ArrowType.LargeUtf8) return "LargeUtf8";
        if (t instanceof ArrowType.Bool) return "Bool";
        return t.toString();
    }

    static long readInt(ArrowBuf d, int kind, int r) {
        switch (kind) {
            case I8: return d.getByte(r);
            case I16: return d.getShort((long) r << 1);
            case I32: return d.getInt((long) r << 2);
            case I64: return d.getLong((long) r << 3);
            case U8: return d.getByte(r) & 0xFFL;
            case U16: return d.getShort((long) r << 1) & 0xFFFFL;
            case U32: return d.getInt((long) r << 2) & 0xFFFFFFFFL;
            default: return d.getLong((long) r << 3); // U64: callers reinterpret
        }
    }

    // ---- LONG ----

    static final class Longs extends ColumnConverter {
        private final int kind;
        private ArrowBuf data;

        Longs(String file, InputColumn c, int pos, int kind) {
            super(file, c, pos);
            this.kind = kind;
        }

        @Override
        void bindData(FieldVector vector) {
            data = vector.getDataBuffer();
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            final ArrowBuf d = data;
            final long[] out = into.longs(pos);
            switch (kind) {
                case I64:
                    for (int i = 0; i < n; i++) out[i] = d.getLong((long) (from + i) << 3);
                    break;
                case I32:
                    for (int i = 0; i < n; i++) out[i] = d.getInt((long) (from + i) << 2);
                    break;
                case I16:
                    for (int i = 0; i < n; i++) out[i] = d.getShort((long) (from + i) << 1);
                    break;
                case I8:
                    for (int i = 0; i < n; i++) out[i] = d.getByte(from + i);
                    break;
                default:
                    for (int i = 0; i < n; i++) out[i] = readInt(d, kind, from + i);
            }
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            into.longs(pos)[i] = readInt(data, kind, r);
        }
    }

    // ---- DOUBLE ----

    static final class Doubles extends ColumnConverter {
        static final int F32 = 100, F64 = 101;
        private final int kind;
        private ArrowBuf data;

        Doubles(String file, InputColumn c, int pos, int kind) {
            super(file, c, pos);
            this.kind = kind;
        }

        @Override
        void bindData(FieldVector vector) {
            data = vector.getDataBuffer();
        }

        private double value(int r) {
            switch (kind) {
                case F64: return data.getDouble((long) r << 3);
                case F32: return data.getFloat((long) r << 2);
                case U64: {
                    long v = data.getLong((long) r << 3);
                    double d = (double) (v >>> 1) * 2.0;
                    return v >= 0 ? (double) v : d + (v & 1);
                }
                default: return readInt(data, kind, r);
            }
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            final ArrowBuf d = data;
            final long[] out = into.longs(pos);
            if (kind == F64) {
                for (int i = 0; i < n; i++) out[i] = d.getLong((long) (from + i) << 3); // a double's bits as they are
            } else if (kind == F32) {
                for (int i = 0; i < n; i++) out[i] = Double.doubleToRawLongBits(d.getFloat((long) (from + i) << 2));
            } else {
                for (int i = 0; i < n; i++) out[i] = Double.doubleToRawLongBits(value(from + i));
            }
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            into.longs(pos)[i] = Double.doubleToRawLongBits(value(r));
        }
    }

    // ---- BOOLEAN ----

    static final class Booleans extends ColumnConverter {
        private ArrowBuf data;

        Booleans(String file, InputColumn c, int pos) {
            super(file, c, pos);
        }

        @Override
        void bindData(FieldVector vector) {
            data = vector.getDataBuffer();
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            for (int i = 0; i < n; i++) convertOne(into, i, from + i, 0);
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            into.longs(pos)[i] = (data.getByte(r >>> 3) >>> (r & 7)) & 1;
        }
    }

    // ---- STRING ----

    /** Utf8 with int32 offsets: the batch's bytes are copied to the heap once, then decoded per row. */
    static final class Strings extends ColumnConverter {
        private final StringCache cache = new StringCache();
        private ArrowBuf offsets;
        private ArrowBuf data;
        private byte[] bytes = new byte[0];
        private int base;

        Strings(String file, InputColumn c, int pos) {
            super(file, c, pos);
        }

        @Override
        void bindData(FieldVector vector) {
            offsets = ((BaseVariableWidthVector) vector).getOffsetBuffer();
            data = vector.getDataBuffer();
        }

        @Override
        void prepare(int from, int n) {
            base = offsets.getInt((long) from << 2);
            int end = offsets.getInt((long) (from + n) << 2);
            int len = end - base;
            if (len < 0) {
                throw new IllegalStateException("string offsets decrease");
            }
            if (bytes.length < len) bytes = new byte[Math.max(len, bytes.length * 2)];
            data.getBytes(base, bytes, 0, len);
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            final ArrowBuf o = offsets;
            final String[] out = into.strings(pos);
            int start = o.getInt((long) from << 2) - base;
            for (int i = 0; i < n; i++) {
                int end = o.getInt((long) (from + i + 1) << 2) - base;
                out[i] = cache.get(bytes, start, end - start);
                start = end;
            }
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            int start = offsets.getInt((long) r << 2) - base;
            int end = offsets.getInt((long) (r + 1) << 2) - base;
            into.strings(pos)[i] = cache.get(bytes, start, end - start);
        }
    }

    /** LargeUtf8 (int64 offsets). */
    static final class LargeStrings extends ColumnConverter {
        private final StringCache cache = new StringCache();
        private ArrowBuf offsets;
        private ArrowBuf data;
        private byte[] bytes = new byte[0];
        private long base;

        LargeStrings(String file, InputColumn c, int pos) {
            super(file, c, pos);
        }

        @Override
        void bindData(FieldVector vector) {
            offsets = ((BaseLargeVariableWidthVector) vector).getOffsetBuffer();
            data = vector.getDataBuffer();
        }

        @Override
        void prepare(int from, int n) {
            base = offsets.getLong((long) from << 3);
            long len = offsets.getLong((long) (from + n) << 3) - base;
            if (len < 0 || len > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("bad string offsets");
            }
            if (bytes.length < len) bytes = new byte[(int) Math.max(len, bytes.length * 2L)];
            data.getBytes(base, bytes, 0, (int) len);
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            for (int i = 0; i < n; i++) convertOne(into, i, from + i, 0);
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            int start = (int) (offsets.getLong((long) r << 3) - base);
            int end = (int) (offsets.getLong((long) (r + 1) << 3) - base);
            into.strings(pos)[i] = cache.get(bytes, start, end - start);
        }
    }

    /** Dictionary-encoded strings: each dictionary entry is decoded once, on first use. */
    static final class DictionaryStrings extends ColumnConverter {
        private final int indexKind;
        private final StringDictionary dictionary;
        private ArrowBuf indices;

        DictionaryStrings(String file, InputColumn c, int pos, int indexKind, StringDictionary dictionary) {
            super(file, c, pos);
            this.indexKind = indexKind;
            this.dictionary = dictionary;
        }

        @Override
        void bindData(FieldVector vector) {
            indices = vector.getDataBuffer();
        }

        @Override
        void convertAll(ColumnBatch into, int n, int from, long firstRowId) {
            for (int i = 0; i < n; i++) convertOne(into, i, from + i, firstRowId + i);
        }

        @Override
        void convertOne(ColumnBatch into, int i, int r, long rowId) {
            long index = readInt(indices, indexKind, r);
            if (index < 0 || index >= dictionary.size()) {
                throw new BadInputException(file + ": column '" + column + "' row " + rowId
                        + ": dictionary index " + index + " out of range (the dictionary has "
                        + dictionary.size() + " values)");
            }
            String s = dictionary.get((int) index);
            if (s == null) {
                if (required) throw nullInRequiredColumn(rowId);
                into.setNull(pos, i);
            } else {
                into.strings(pos)[i] = s;
            }
        }
    }

    /**
     * A small direct-mapped cache of decoded short strings, so a column of repeated values
     * (sides, symbols) yields shared String instances instead of one decode and copy per row.
     */
    static final class StringCache {
        private static final int SLOTS = 8192;
        private static final int MAX_LENGTH = 32;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];

        String get(byte[] b, int off, int len) {
            if (len > MAX_LENGTH) {
                return new String(b, off, len, StandardCharsets.UTF_8);
            }
            int h = len;
            for (int i = off, end = off + len; i < end; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 13)) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k != null && k.length == len && java.util.Arrays.equals(k, 0, len, b, off, off + len)) {
                return values[slot];
            }
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            keys[slot] = java.util.Arrays.copyOfRange(b, off, off + len);
            values[slot] = s;
            return s;
        }
    }
}
