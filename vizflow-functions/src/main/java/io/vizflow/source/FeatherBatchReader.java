package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnBatch;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowBodyCompression;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the requested columns of a Feather file batch by batch ({@link #load}, the fetcher
 * thread) and turns them into rows ({@link #convert}, the task thread).
 *
 * <p>Only the buffers of the requested columns are read from disk and decompressed (one
 * positional read of each column's byte range in the batch body), into {@link VectorSchemaRoot}s
 * (one per column) of a {@link LoadedBatch}, freed when it is closed, so memory stays at the
 * few batches between the two threads.
 * Dictionaries of requested dictionary-encoded columns are read once, into heap
 * {@link StringDictionary}s. One thread loads, one converts.
 */
final class FeatherBatchReader implements AutoCloseable {
    private final FeatherFile file;
    private final String name;
    private final FileChannel channel;
    private final BufferAllocator allocator;
    private final int width;
    private final String[] fieldNames; // the distinct file columns read, in file order
    private final int[] fieldIndexes;  // their positions in the file's schema
    private final Schema[] columnSchemas; // one per column read (a root each, so a failure names its column)
    private final FeatherCodecFactory codecs = new FeatherCodecFactory();
    private final ColumnConverter[] converters; // used by the thread that converts (the task thread)
    private final int[] converterRoot; // the root of each converter's column
    private final Set<LoadedBatch> outstanding = ConcurrentHashMap.newKeySet();
    private LoadedBatch bound; // the batch the converters read
    private int headerBatch = -1;
    private RecordBatch header;

    /**
     * Opens {@code path} for reading the given columns; rows get the columns at positions
     * 0..n-1 and the row id at position n.
     *
     * @param parent the allocator to take a child allocator from (closed again by {@link #close()})
     */
    FeatherBatchReader(Path path, List<InputColumn> columns, BufferAllocator parent) {
        FileChannel ch = FeatherFile.openChannel(path);
        BufferAllocator alloc = null;
        try {
            this.file = FeatherFile.read(ch, path, false);
            this.name = file.name();
            this.channel = ch;
            this.width = columns.size() + 1;
            List<Field> fileFields = file.schema().getFields();
            TreeSet<Integer> distinct = new TreeSet<>();
            int[] fieldOfColumn = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                fieldOfColumn[i] = file.fieldIndex(columns.get(i).fileColumn());
                distinct.add(fieldOfColumn[i]);
            }
            this.fieldIndexes = distinct.stream().mapToInt(Integer::intValue).toArray();
            // type checks first: a wrong type is reported before any data is read
            for (int i = 0; i < columns.size(); i++) {
                ColumnConverter.create(name, columns.get(i), i, fileFields.get(fieldOfColumn[i]), id -> null);
            }
            alloc = parent.newChildAllocator("feather " + name, 0, Long.MAX_VALUE);
            this.allocator = alloc;
            Map<Long, StringDictionary> dictionaries = readDictionaries(columns, fieldOfColumn);
            this.converters = new ColumnConverter[columns.size()];
            this.converterRoot = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                Field f = fileFields.get(fieldOfColumn[i]);
                converters[i] = ColumnConverter.create(name, columns.get(i), i, f, dictionaries::get);
                converterRoot[i] = Arrays.binarySearch(fieldIndexes, fieldOfColumn[i]);
            }
            this.fieldNames = new String[fieldIndexes.length];
            this.columnSchemas = new Schema[fieldIndexes.length];
            for (int k = 0; k < fieldIndexes.length; k++) {
                Field f = fileFields.get(fieldIndexes[k]);
                fieldNames[k] = f.getName();
                columnSchemas[k] = new Schema(List.of(inMemoryField(f)));
            }
        } catch (IOException e) {
            closeQuietly(alloc, ch);
            throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(alloc, ch);
            throw e;
        }
    }

    /** A dictionary-encoded field as it is held in memory: its index vector. */
    private static Field inMemoryField(Field f) {
        if (f.getDictionary() == null) {
            return f;
        }
        return new Field(f.getName(),
                new FieldType(true, f.getDictionary().getIndexType(), f.getDictionary(), f.getMetadata()),
                null);
    }

    FeatherFile file() {
        return file;
    }

    int width() {
        return width;
    }

    /** The row count of a record batch, from its metadata only. */
    int batchRows(int batch) throws IOException {
        return (int) header(batch).length();
    }

    private RecordBatch header(int batch) throws IOException {
        if (headerBatch != batch) {
            header = file.readRecordBatchHeader(channel, batch);
            headerBatch = batch;
        }
        return header;
    }

    /**
     * Reads and decompresses the requested columns of a record batch whose first row has row id
     * {@code firstRowId} into vectors of its own; whoever is done with it closes it.
     */
    LoadedBatch load(int batch, long firstRowId) throws IOException {
        RecordBatch rb = header(batch);
        ArrowBlock block = file.recordBlock(batch);
        String rows = "record batch " + batch + " (rows " + firstRowId + " to " + (firstRowId + rb.length() - 1) + ")";
        VectorSchemaRoot[] roots = new VectorSchemaRoot[columnSchemas.length];
        try {
            for (int k = 0; k < roots.length; k++) {
                roots[k] = VectorSchemaRoot.create(columnSchemas[k], allocator);
                loadBuffers(rb, block, file.nodeStart(fieldIndexes[k]), file.nodeCount(fieldIndexes[k]),
                        file.bufferStart(fieldIndexes[k], rb), file.bufferCount(fieldIndexes[k]),
                        new VectorLoader(roots[k], codecs), "column '" + fieldNames[k] + "', " + rows);
            }
        } catch (RuntimeException | IOException e) {
            closeQuietly(roots);
            throw e;
        }
        LoadedBatch b = new LoadedBatch(this, roots, batch, firstRowId, (int) rb.length());
        outstanding.add(b);
        return b;
    }

    /** {@link LoadedBatch#convert}: rows {@code [from, from + n)} of a loaded batch into {@code rows[0, n)}. */
    void convert(LoadedBatch b, int from, int n, ColumnBatch into) {
        if (bound != b) {
            for (int i = 0; i < converters.length; i++) {
                converters[i].bind(b.vector(converterRoot[i]));
            }
            bound = b;
        }
        into.reset(n);
        final int idPos = width - 1;
        final long firstRowId = b.firstRowId() + from;
        long[] ids = into.longs(idPos);
        for (int i = 0; i < n; i++) {
            ids[i] = firstRowId + i;
        }
        into.clearNulls(idPos);
        for (ColumnConverter c : converters) {
            try {
                c.convert(into, n, from, firstRowId);
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadInputException(name + ": column '" + c.column + "', record batch " + b.batch()
                        + " (rows " + firstRowId + " to " + (firstRowId + n - 1) + "): corrupt data: " + e, e);
            }
        }
    }

    /** A loaded batch was closed. */
    void closed(LoadedBatch b) {
        outstanding.remove(b);
    }

    /** Closes the file, frees the batches still loaded, and fails if Arrow memory leaked. */
    @Override
    public void close() {
        for (LoadedBatch b : outstanding) b.close();
        bound = null;
        try {
            allocator.close(); // fails if Arrow memory leaked
        } finally {
            closeQuietly(channel);
        }
    }

    // ---- loading buffers ----

    /**
     * Reads the buffers {@code [b0, b0 + bc)} and field nodes {@code [n0, n0 + nc)} of one column
     * of a record batch (a data or a dictionary batch) with one positional read, and loads them
     * (decompressing) through {@code target}, whose root holds just that column.
     */
    private void loadBuffers(RecordBatch rb, ArrowBlock block, int n0, int nc, int b0, int bc,
                             VectorLoader target, String what) throws IOException {
        if (n0 + nc > rb.nodesLength() || b0 + bc > rb.buffersLength()) {
            throw new BadInputException(name + ": corrupt Arrow IPC file: " + what
                    + ": the batch has fewer columns than the schema");
        }
        long bodyOffset = block.getOffset() + block.getMetadataLength();
        long bodyLength = block.getBodyLength();
        List<ArrowFieldNode> nodes = new ArrayList<>(nc);
        FieldNode fn = new FieldNode();
        for (int k = n0; k < n0 + nc; k++) {
            rb.nodes(fn, k);
            nodes.add(new ArrowFieldNode(fn.length(), fn.nullCount()));
        }
        org.apache.arrow.flatbuf.Buffer fb = new org.apache.arrow.flatbuf.Buffer();
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (int k = b0; k < b0 + bc; k++) {
            rb.buffers(fb, k);
            if (fb.offset() < 0 || fb.length() < 0 || fb.offset() + fb.length() > bodyLength) {
                throw new BadInputException(name + ": corrupt Arrow IPC file: " + what
                        + ": a buffer lies outside the batch body");
            }
            if (fb.length() > 0) {
                lo = Math.min(lo, fb.offset());
                hi = Math.max(hi, fb.offset() + fb.length());
            }
        }
        if (hi - lo > Integer.MAX_VALUE - 16 && hi > lo) {
            throw new BadInputException(name + ": " + what + ": column chunks over 2 GB are not supported");
        }
        ArrowBuf chunk = hi > lo ? allocator.buffer(hi - lo) : null;
        try {
            if (chunk != null) {
                FeatherFile.readFully(channel, chunk.nioBuffer(0, (int) (hi - lo)), bodyOffset + lo, file.path());
            }
            List<ArrowBuf> buffers = new ArrayList<>(bc);
            for (int k = b0; k < b0 + bc; k++) {
                rb.buffers(fb, k);
                buffers.add(fb.length() == 0 ? allocator.getEmpty() : chunk.slice(fb.offset() - lo, fb.length()));
            }
            BodyCompression c = rb.compression();
            ArrowBodyCompression compression = c == null
                    ? NoCompressionCodec.DEFAULT_BODY_COMPRESSION
                    : new ArrowBodyCompression(c.codec(), c.method());
            try (ArrowRecordBatch batch = new ArrowRecordBatch((int) rb.length(), nodes, buffers, compression, true, true)) {
                target.load(batch);
            }
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(name + ": " + what + ": " + failure(e), e);
        } finally {
            if (chunk != null) chunk.close(); // the vectors hold their own references
        }
    }

    private static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Lz4FrameCodec.CorruptInputException) {
                return "corrupt compressed data: " + t.getMessage();
            }
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return "cannot decode the data: " + (t.getMessage() == null ? t.toString() : t.getMessage());
    }

    /** Reads the dictionaries of the requested dictionary-encoded string columns into heap dictionaries. */
    private Map<Long, StringDictionary> readDictionaries(List<InputColumn> columns, int[] fieldOfColumn)
            throws IOException {
        Map<Long, Field> wanted = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Field f = file.schema().getFields().get(fieldOfColumn[i]);
            if (f.getDictionary() != null) {
                wanted.put(f.getDictionary().getId(), f);
            }
        }
        Map<Long, StringDictionary> result = new HashMap<>();
        for (Long id : wanted.keySet()) {
            result.put(id, new StringDictionary());
        }
        for (ArrowBlock block : file.dictionaryBlocks()) {
            if (wanted.isEmpty()) {
                break;
            }
            Message m = file.readMessage(channel, block, "a dictionary batch");
            if (m.headerType() != MessageHeader.DictionaryBatch) {
                throw new BadInputException(name + ": corrupt Arrow IPC file: a dictionary block holds a "
                        + MessageHeader.name(m.headerType()) + " message");
            }
            DictionaryBatch db = (DictionaryBatch) m.header(new DictionaryBatch());
            Field field = wanted.get(db.id());
            if (field == null) {
                continue; // a column not read
            }
            StringDictionary dict = result.get(db.id());
            if (!db.isDelta()) {
                dict.clear();
            }
            RecordBatch data = db.data();
            if (data == null) {
                throw new BadInputException(name + ": corrupt Arrow IPC file: an empty dictionary batch");
            }
            Field values = new Field("values", FieldType.nullable(field.getType()), field.getChildren());
            try (VectorSchemaRoot dictRoot = VectorSchemaRoot.create(new Schema(List.of(values)), allocator)) {
                loadBuffers(data, block, 0, 1, 0, 3, new VectorLoader(dictRoot, codecs),
                        "the dictionary of column '" + field.getName() + "'");
                appendStrings(dictRoot.getVector(0), dict);
            }
        }
        return result;
    }

    private static void appendStrings(FieldVector v, StringDictionary dict) {
        int n = v.getValueCount();
        if (v instanceof BaseVariableWidthVector) {
            BaseVariableWidthVector s = (BaseVariableWidthVector) v;
            ArrowBuf off = s.getOffsetBuffer();
            int base = n == 0 ? 0 : off.getInt(0);
            int end = n == 0 ? 0 : off.getInt((long) n << 2);
            byte[] bytes = new byte[end - base];
            s.getDataBuffer().getBytes(base, bytes, 0, bytes.length);
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    dict.add(null, 0, 0);
                } else {
                    int a = off.getInt((long) i << 2) - base;
                    dict.add(bytes, a, off.getInt((long) (i + 1) << 2) - base - a);
                }
            }
        } else {
            BaseLargeVariableWidthVector s = (BaseLargeVariableWidthVector) v;
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    dict.add(null, 0, 0);
                } else {
                    byte[] b = s.get(i);
                    dict.add(b, 0, b.length);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failure, or a second close: keep the first error
            }
        }
    }

    /** The JVM-wide root allocator that readers take child allocators from. */
    static final class SharedAllocator {
        private static volatile RootAllocator root;

        private SharedAllocator() {}

        static BufferAllocator get() {
            RootAllocator r = root;
            if (r == null) {
                synchronized (SharedAllocator.class) {
                    r = root;
                    if (r == null) {
                        r = new RootAllocator();
                        root = r;
                    }
                }
            }
            return r;
        }
    }
}
