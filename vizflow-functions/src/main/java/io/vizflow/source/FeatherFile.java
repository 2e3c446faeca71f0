package io.vizflow.source;

import io.vizflow.BadInputException;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of one Feather v2 (Arrow IPC file format) file: its schema and record batches,
 * read from the footer and from the batches' metadata messages only, never from their bodies.
 */
public final class FeatherFile {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** Metadata messages are small; a bigger one means a damaged file. */
    private static final int MAX_METADATA = 64 << 20;

    private final Path path;
    private final String name;
    private final long size;
    private final Schema schema;
    private final List<ArrowBlock> recordBlocks;
    private final List<ArrowBlock> dictionaryBlocks;
    private final long[] batchRows; // null when opened without reading the batch headers

    // where each top-level field's nodes and buffers are in a record batch (see layout())
    private final int[] nodeStart;
    private final int[] nodeCount;
    private final int[] bufferStart;
    private final int[] bufferCount;
    private final int[] viewFieldsBefore;

    private FeatherFile(Path path, long size, Schema schema, List<ArrowBlock> recordBlocks,
                        List<ArrowBlock> dictionaryBlocks, long[] batchRows) {
        this.path = path;
        this.name = path.toString();
        this.size = size;
        this.schema = schema;
        this.recordBlocks = recordBlocks;
        this.dictionaryBlocks = dictionaryBlocks;
        this.batchRows = batchRows;
        List<Field> fields = schema.getFields();
        int n = fields.size();
        nodeStart = new int[n];
        nodeCount = new int[n];
        bufferStart = new int[n];
        bufferCount = new int[n];
        viewFieldsBefore = new int[n];
        int[] acc = new int[3]; // nodes, buffers, view fields so far
        for (int i = 0; i < n; i++) {
            nodeStart[i] = acc[0];
            bufferStart[i] = acc[1];
            viewFieldsBefore[i] = acc[2];
            count(fields.get(i), acc);
            nodeCount[i] = acc[0] - nodeStart[i];
            bufferCount[i] = acc[1] - bufferStart[i];
        }
    }

    /**
     * Opens a file and reads its metadata; the file is closed again before this returns.
     *
     * @throws BadInputException if the file is missing, empty, not an Arrow IPC file or truncated
     */
    public static FeatherFile open(Path path) {
        try (FileChannel ch = openChannel(path)) {
            return read(ch, path, true);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Fails as {@link #open} does where {@code path} cannot be opened at all (no such file, a
     * directory, no permission), without reading it: a caller about to start work for the file
     * (an embedded cluster) asks first.
     */
    public static void requireReadable(Path path) {
        try {
            openChannel(path).close();
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static FileChannel openChannel(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new BadInputException(path + ": is a directory, not a file");
            }
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(path + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** Reads the footer (and, if asked, the metadata of every record batch) through an open channel. */
    static FeatherFile read(FileChannel ch, Path path, boolean readBatchHeaders) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new BadInputException(path + ": file is empty");
        }
        byte[] head = new byte[(int) Math.min(8, size)];
        readFully(ch, ByteBuffer.wrap(head), 0, path);
        if (!startsWith(head, MAGIC)) {
            throw new BadInputException(path + ": not an Arrow IPC (Feather v2) file" + guessFormat(head));
        }
        // layout: "ARROW1" + 2 padding bytes, the messages, the footer, int32 footer length, "ARROW1"
        byte[] tail = new byte[10];
        if (size < 8 + tail.length) {
            throw new BadInputException(path + ": truncated Arrow IPC file (" + size + " bytes)");
        }
        readFully(ch, ByteBuffer.wrap(tail), size - tail.length, path);
        if (!startsWith(java.util.Arrays.copyOfRange(tail, 4, 10), MAGIC)) {
            throw new BadInputException(path + ": truncated Arrow IPC file: the footer is missing"
                    + " (was the file cut short, or still being written?)");
        }
        int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        long footerStart = size - tail.length - footerLength;
        if (footerLength <= 0 || footerStart < 8) {
            throw new BadInputException(path + ": corrupt Arrow IPC file: bad footer length " + footerLength);
        }
        ByteBuffer fb = ByteBuffer.allocate(footerLength);
        readFully(ch, fb, footerStart, path);
        fb.flip();
        ArrowFooter footer;
        try {
            footer = new ArrowFooter(Footer.getRootAsFooter(fb));
        } catch (RuntimeException e) {
            throw new BadInputException(path + ": corrupt Arrow IPC file footer: " + e, e);
        }
        List<ArrowBlock> records = List.copyOf(footer.getRecordBatches());
        List<ArrowBlock> dictionaries = List.copyOf(footer.getDictionaries());
        for (ArrowBlock b : records) {
            checkBlock(b, footerStart, path, "record batch");
        }
        for (ArrowBlock b : dictionaries) {
            checkBlock(b, footerStart, path, "dictionary batch");
        }
        FeatherFile file = new FeatherFile(path, size, footer.getSchema(), records, dictionaries, null);
        if (!readBatchHeaders) {
            return file;
        }
        long[] rows = new long[records.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = file.readRecordBatchHeader(ch, i).length();
        }
        return new FeatherFile(path, size, file.schema, records, dictionaries, rows);
    }

    private static void checkBlock(ArrowBlock b, long footerStart, Path path, String what) {
        if (b.getOffset() < 8 || b.getMetadataLength() <= 0 || b.getMetadataLength() > MAX_METADATA
                || b.getBodyLength() < 0
                || b.getOffset() + b.getMetadataLength() + b.getBodyLength() > footerStart) {
            throw new BadInputException(path + ": corrupt Arrow IPC file: a " + what
                    + " lies outside the file (offset " + b.getOffset() + ")");
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) return false;
        }
        return true;
    }

    private static String guessFormat(byte[] head) {
        if (startsWith(head, "FEA1".getBytes(StandardCharsets.US_ASCII))) {
            return " (it is a Feather v1 file; rewrite it with pyarrow.feather.write_feather, version 2)";
        }
        if (startsWith(head, "PAR1".getBytes(StandardCharsets.US_ASCII))) {
            return " (it looks like a Parquet file)";
        }
        if (startsWith(head, new byte[] {-1, -1, -1, -1})) {
            return " (it looks like an Arrow IPC stream; write the file format, e.g. with pyarrow.feather)";
        }
        return "";
    }

    static void readFully(FileChannel ch, ByteBuffer dst, long position, Path path) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new BadInputException(path + ": truncated Arrow IPC file: unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** Counts the field nodes and buffers one field takes in a record batch, as the IPC format lays them out. */
    private static void count(Field field, int[] acc) {
        acc[0]++;
        if (field.getDictionary() != null) {
            acc[1] += TypeLayout.getTypeBufferCount(field.getDictionary().getIndexType());
            return; // the batch holds only the indices; the values are in dictionary batches
        }
        ArrowType type = field.getType();
        acc[1] += TypeLayout.getTypeBufferCount(type);
        if (type instanceof ArrowType.Utf8View || type instanceof ArrowType.BinaryView) {
            acc[2]++; // plus a per-batch number of data buffers (RecordBatch.variadicBufferCounts)
        }
        for (Field child : field.getChildren()) {
            count(child, acc);
        }
    }

    // ---- public metadata ----

    public Path path() {
        return path;
    }

    public Schema schema() {
        return schema;
    }

    public long rowCount() {
        long n = 0;
        for (long r : requireBatchRows()) n += r;
        return n;
    }

    public int batchCount() {
        return recordBlocks.size();
    }

    /** The number of rows of each record batch, in file order. */
    public long[] batchRowCounts() {
        return requireBatchRows().clone();
    }

    /** The Arrow type of a column (for a dictionary-encoded column, the type of its values). */
    public ArrowType typeOf(String column) {
        return field(column).getType();
    }

    /** The Arrow field of a column; fails with a message listing the file's columns. */
    public Field field(String column) {
        return schema.getFields().get(fieldIndex(column));
    }

    @Override
    public String toString() {
        return "FeatherFile(" + name + ", " + recordBlocks.size() + " batches, " + schema + ")";
    }

    // ---- for the readers ----

    String name() {
        return name;
    }

    int fieldIndex(String column) {
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(column)) {
                return i;
            }
        }
        List<String> names = new ArrayList<>();
        for (Field f : fields) names.add(f.getName());
        throw new BadInputException("file " + name + " has no column '" + column + "'; columns are " + names);
    }

    private long[] requireBatchRows() {
        if (batchRows == null) {
            throw new IllegalStateException("opened without the record batch headers");
        }
        return batchRows;
    }

    List<ArrowBlock> dictionaryBlocks() {
        return dictionaryBlocks;
    }

    ArrowBlock recordBlock(int batch) {
        return recordBlocks.get(batch);
    }

    int nodeStart(int field) {
        return nodeStart[field];
    }

    int nodeCount(int field) {
        return nodeCount[field];
    }

    /** The index of a field's first buffer in a record batch (view columns before it add theirs). */
    int bufferStart(int field, RecordBatch batch) {
        int start = bufferStart[field];
        for (int k = 0; k < viewFieldsBefore[field]; k++) {
            start += (int) batch.variadicBufferCounts(k);
        }
        return start;
    }

    int bufferCount(int field) {
        return bufferCount[field];
    }

    /** The metadata of record batch {@code batch}. */
    RecordBatch readRecordBatchHeader(FileChannel ch, int batch) throws IOException {
        Message m = readMessage(ch, recordBlocks.get(batch), "record batch " + batch);
        if (m.headerType() != MessageHeader.RecordBatch) {
            throw new BadInputException(name + ": corrupt Arrow IPC file: record batch " + batch
                    + " is a " + MessageHeader.name(m.headerType()) + " message");
        }
        RecordBatch rb = (RecordBatch) m.header(new RecordBatch());
        if (rb == null || rb.length() < 0 || rb.length() > Integer.MAX_VALUE) {
            throw new BadInputException(name + ": corrupt Arrow IPC file: bad record batch " + batch);
        }
        return rb;
    }

    /** Reads the metadata message of a block (a record or dictionary batch); its body is not read. */
    Message readMessage(FileChannel ch, ArrowBlock block, String what) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, bb, block.getOffset(), path);
        bb.flip();
        try {
            int first = bb.getInt(0);
            int start = first == -1 ? 8 : 4; // continuation marker, or the pre-1.0 format without it
            int length = first == -1 ? bb.getInt(4) : first;
            if (length <= 0 || start + length > bb.limit()) {
                throw new BadInputException(name + ": corrupt Arrow IPC file: bad metadata length of " + what);
            }
            bb.position(start);
            Message m = Message.getRootAsMessage(bb.slice().order(ByteOrder.LITTLE_ENDIAN));
            if (m.bodyLength() != block.getBodyLength()) {
                throw new BadInputException(name + ": corrupt Arrow IPC file: " + what
                        + " body length differs from the footer's");
            }
            return m;
        } catch (IndexOutOfBoundsException e) {
            throw new BadInputException(name + ": corrupt Arrow IPC file: unreadable metadata of " + what, e);
        }
    }

    long size() {
        return size;
    }
}
