package io.vizflow.source;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LZ4 frame decoder against commons-compress' encoder. (Its decoder,
 * FramedLZ4CompressorInputStream, cannot run on this module's classpath: commons-compress 1.28
 * calls commons-io's BoundedInputStream.builder(), which the commons-io 2.15.1 resolved here
 * lacks. That also breaks Arrow's stock LZ4 codec here; this decoder does not need it.)
 */
class Lz4FrameCodecTest {

    // ---- data ----

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs of one byte, short periods (overlapping matches) and long repeats across blocks. */
    private static byte[] repetitive(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[n];
        int p = 0;
        while (p < n) {
            int kind = rnd.nextInt(4);
            int len = Math.min(n - p, 1 + rnd.nextInt(kind == 3 ? 40 : 3000));
            if (kind == 0) {
                Arrays.fill(b, p, p + len, (byte) rnd.nextInt(256)); // offset-1 matches
            } else if (kind == 1) {
                int period = 2 + rnd.nextInt(7);                      // offsets 2..8 < match length
                for (int i = 0; i < len; i++) b[p + i] = (byte) ('a' + (i % period));
            } else if (kind == 2 && p > 70_000) {
                int from = rnd.nextInt(p - 66_000);                   // far back, in an earlier block
                for (int i = 0; i < len; i++) b[p + i] = b[from + i];
            } else {
                for (int i = 0; i < len; i++) b[p + i] = (byte) rnd.nextInt(256);
            }
            p += len;
        }
        return b;
    }

    /** Arrow-like int64 column: sorted timestamps, compressible but not trivially. */
    private static byte[] int64Column(int rows) {
        byte[] b = new byte[rows * 8];
        Random rnd = new Random(5);
        long v = 93_000_000;
        for (int i = 0; i < rows; i++) {
            v += rnd.nextInt(50);
            for (int k = 0; k < 8; k++) b[i * 8 + k] = (byte) (v >>> (8 * k));
        }
        return b;
    }

    /**
     * Arrow-like float64 column of a random-walk price with 3 decimals: short literals and short
     * matches 8 or 16 bytes back between the runs it cannot compress.
     */
    private static byte[] priceColumn(int rows) {
        byte[] b = new byte[rows * 8];
        Random rnd = new Random(6);
        long milli = 12_345;
        for (int i = 0; i < rows; i++) {
            if (rnd.nextInt(3) == 0) milli += rnd.nextInt(5) - 2;
            long bits = Double.doubleToRawLongBits(milli / 1000.0);
            for (int k = 0; k < 8; k++) b[i * 8 + k] = (byte) (bits >>> (8 * k));
        }
        return b;
    }

    private static byte[] compress(byte[] data, BlockSize blockSize, boolean linked, boolean checksums)
            throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(bos,
                new FramedLZ4CompressorOutputStream.Parameters(blockSize, checksums, checksums, linked,
                        BlockLZ4CompressorOutputStream.createParameterBuilder().tunedForSpeed().build()))) {
            out.write(data);
        }
        return bos.toByteArray();
    }

    private static byte[] decode(byte[] frame, int length) {
        byte[] out = new byte[length];
        int n = Lz4FrameCodec.decompress(frame, 0, frame.length, out, 0, length);
        assertEquals(length, n, "decoded length");
        return out;
    }

    // ---- round trips ----

    // commons-compress writes wrong linked frames with blocks over 64 KB (the lz4 command line
    // tool rejects them too), so linked blocks are tested with 64 KB blocks here and with 256 KB
    // blocks on a frame written by the lz4 tool (decodesAFrameOfTheLz4CommandLineTool).
    @ParameterizedTest(name = "{0} data, {1} blocks, linked={2}, checksums={3}")
    @CsvSource({
        "random,     K64,  true,  false",
        "random,     K64,  false, true",
        "repetitive, K64,  true,  false",
        "repetitive, K64,  true,  true",
        "repetitive, K64,  false, false",
        "repetitive, K256, false, true",
        "repetitive, M4,   false, true",
        "int64,      K64,  true,  false",
        "int64,      M1,   false, false",
        "prices,     K64,  true,  false",
        "prices,     M4,   false, false",
    })
    void decodesWhatCommonsCompressEncodes(String kind, BlockSize blockSize, boolean linked, boolean checksums)
            throws IOException {
        for (int n : new int[] {1, 15, 100, 65_535, 65_536, 65_537, 400_000, 1_100_000}) {
            if (kind.equals("int64") && n > 20_000) continue; // commons-compress is slow on it
            if (kind.equals("prices") && n > 400_000) continue;
            byte[] data = kind.equals("random") ? random(n, n) : kind.equals("int64") ? int64Column(n / 8 + 1)
                    : kind.equals("prices") ? priceColumn(n / 8 + 1) : repetitive(n, n);
            byte[] frame = compress(data, blockSize, linked, checksums);
            assertArrayEquals(data, decode(frame, data.length), kind + " n=" + n);
        }
    }

    @Test
    void decodesIntoPartOfAnArrayWithoutTouchingTheRest() throws IOException {
        // short literal runs between short matches of periods 8..20 (overlapping their own output)
        Random rnd = new Random(7);
        byte[] data = new byte[200_000];
        for (int p = 0; p < data.length; ) {
            int literals = Math.min(data.length - p, 1 + rnd.nextInt(16));
            for (int i = 0; i < literals; i++) data[p++] = (byte) rnd.nextInt(256);
            int period = 8 + rnd.nextInt(13);
            int match = Math.min(data.length - p, 4 + rnd.nextInt(60));
            for (int i = 0; i < match && p >= period; i++, p++) data[p] = data[p - period];
        }
        for (boolean linked : new boolean[] {true, false}) {
            byte[] frame = compress(data, BlockSize.K64, linked, false);
            for (int end : new int[] {0, 3, 16}) { // output at an offset, followed by `end` bytes not its own
                byte[] out = new byte[5 + data.length + end];
                Arrays.fill(out, (byte) 0x5A);
                assertEquals(data.length, Lz4FrameCodec.decompress(frame, 0, frame.length, out, 5, data.length));
                assertArrayEquals(data, Arrays.copyOfRange(out, 5, 5 + data.length), "linked=" + linked);
                for (int i = 0; i < 5; i++) assertEquals(0x5A, out[i], "byte " + i + " before the output");
                for (int i = 5 + data.length; i < out.length; i++) assertEquals(0x5A, out[i], "byte " + i + " after it");
            }
        }
    }

    @Test
    void linkedBlocksReachBackIntoEarlierBlocks() throws IOException {
        byte[] data = repetitive(600_000, 42);
        byte[] linked = compress(data, BlockSize.K64, true, false);
        byte[] independent = compress(data, BlockSize.K64, false, false);
        assertTrue(linked.length < independent.length, "linked blocks should use back-references across blocks");
        assertArrayEquals(data, decode(linked, data.length));
        assertArrayEquals(data, decode(independent, data.length));
    }

    /**
     * A frame written by the reference implementation (lz4 1.9, {@code lz4 -BD -B5 -BX --content-size -9}):
     * 256 KB linked blocks with block checksums and the content size; see make_fixtures.py.
     */
    @Test
    void decodesAFrameOfTheLz4CommandLineTool() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append(((long) i * i) % 1009).append(',').append(i % 7).append(';');
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] frame = java.nio.file.Files.readAllBytes(Fixtures.path("lz4_cli_linked_256k.lz4"));
        assertEquals(0x5C, frame[4] & 0xFF, "FLG: version 1, linked blocks, block checksums, content size");
        assertEquals(0x50, frame[5] & 0xFF, "BD: 256 KB blocks");
        assertArrayEquals(data, decode(frame, data.length));
    }

    @Test
    void decodesAnEmptyFrame() throws IOException {
        byte[] frame = compress(new byte[0], BlockSize.K64, true, false);
        assertEquals(0, Lz4FrameCodec.decompress(frame, 0, frame.length, new byte[0], 0, 0));
    }

    @Test
    void copiesUncompressedBlocks() throws IOException {
        byte[] data = random(200_000, 7); // incompressible: written as stored blocks
        byte[] frame = compress(data, BlockSize.K64, true, false);
        int firstBlockWord = (frame[7] & 0xFF) | (frame[8] & 0xFF) << 8 | (frame[9] & 0xFF) << 16 | (frame[10] & 0xFF) << 24;
        assertTrue(firstBlockWord < 0, "expected a stored block");
        assertArrayEquals(data, decode(frame, data.length));
    }

    @Test
    void honoursTheContentSizeField() {
        byte[] data = "hello hello hello hello, LZ4!".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, decode(storedFrame(data, data.length), data.length));
        Lz4FrameCodec.CorruptInputException e = assertThrows(Lz4FrameCodec.CorruptInputException.class,
                () -> decode(storedFrame(data, data.length + 5), data.length));
        assertTrue(e.getMessage().contains("header says " + (data.length + 5)), e.getMessage());
    }

    /** A frame with a content size field and one stored (uncompressed) block, built by hand. */
    private static byte[] storedFrame(byte[] data, long contentSize) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeInt(b, Lz4FrameCodec.MAGIC);
        b.write(0x40 | 0x20 | 0x08); // version 01, independent blocks, content size
        b.write(0x40);               // 64 KB blocks
        for (int k = 0; k < 8; k++) b.write((int) (contentSize >>> (8 * k)));
        b.write(0);                  // header checksum (not checked)
        writeInt(b, data.length | 0x80000000);
        b.write(data, 0, data.length);
        writeInt(b, 0);
        return b.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream b, int v) {
        for (int k = 0; k < 4; k++) b.write(v >>> (8 * k));
    }

    @Test
    void skipsSkippableFramesAndReadsConcatenatedFrames() throws IOException {
        byte[] a = repetitive(70_000, 1);
        byte[] c = random(5_000, 2);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeInt(b, 0x184D2A5A);
        writeInt(b, 3);
        b.write(new byte[] {9, 9, 9});
        b.write(compress(a, BlockSize.K64, true, false));
        b.write(compress(c, BlockSize.K64, false, true));
        byte[] all = b.toByteArray();
        byte[] expected = new byte[a.length + c.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(c, 0, expected, a.length, c.length);
        assertArrayEquals(expected, decode(all, expected.length));
    }

    // ---- damaged input ----

    @Test
    void truncatedInputFailsClearlyAtEveryCut() throws IOException {
        byte[] data = repetitive(150_000, 3);
        byte[] frame = compress(data, BlockSize.K64, true, true);
        byte[] out = new byte[data.length];
        for (int cut = 0; cut < frame.length; cut += (cut < 64 || frame.length - cut < 64) ? 1 : 97) {
            int n = cut;
            try {
                int produced = Lz4FrameCodec.decompress(frame, 0, n, out, 0, out.length);
                fail("cut at " + n + " of " + frame.length + " decoded " + produced + " bytes without an error");
            } catch (Lz4FrameCodec.CorruptInputException e) {
                assertTrue(e.getMessage().startsWith("LZ4") || e.getMessage().startsWith("empty")
                        || e.getMessage().startsWith("not an LZ4"), e.getMessage());
            }
        }
    }

    @Test
    void corruptInputNeverFailsWithAnIndexOutOfBounds() throws IOException {
        byte[] data = repetitive(100_000, 4);
        byte[] frame = compress(data, BlockSize.K64, true, false);
        Random rnd = new Random(11);
        byte[] out = new byte[data.length];
        int errors = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bad = frame.clone();
            for (int k = 0, flips = 1 + rnd.nextInt(4); k < flips; k++) {
                bad[7 + rnd.nextInt(bad.length - 7)] = (byte) rnd.nextInt(256);
            }
            try {
                Lz4FrameCodec.decompress(bad, 0, bad.length, out, 0, out.length);
            } catch (Lz4FrameCodec.CorruptInputException e) {
                errors++;
            }
        }
        // without checksums a changed literal decodes silently; damaged structure must fail cleanly
        assertTrue(errors > 10, "corruptions detected: " + errors);
    }

    @Test
    void refusesMatchesBeforeTheStartAndOutputBeyondTheExpectedLength() throws IOException {
        // one block: 4 literals "abcd", then a match at offset 9 (before the start)
        byte[] block = {0x40, 'a', 'b', 'c', 'd', 9, 0, 0x00};
        byte[] frame = frameWith(block);
        Lz4FrameCodec.CorruptInputException e = assertThrows(Lz4FrameCodec.CorruptInputException.class,
                () -> Lz4FrameCodec.decompress(frame, 0, frame.length, new byte[100], 0, 100));
        assertTrue(e.getMessage().contains("offset 9"), e.getMessage());

        byte[] data = repetitive(10_000, 5);
        byte[] ok = compress(data, BlockSize.K64, true, false);
        e = assertThrows(Lz4FrameCodec.CorruptInputException.class,
                () -> Lz4FrameCodec.decompress(ok, 0, ok.length, new byte[9_000], 0, 9_000));
        assertTrue(e.getMessage().contains("more than the expected 9000 bytes"), e.getMessage());
    }

    private static byte[] frameWith(byte[] block) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeInt(b, Lz4FrameCodec.MAGIC);
        b.write(0x60);
        b.write(0x40);
        b.write(0);
        writeInt(b, block.length);
        b.write(block, 0, block.length);
        writeInt(b, 0);
        return b.toByteArray();
    }

    @Test
    void refusesOtherFormats() {
        byte[] text = "ticktime,ukey\n".getBytes(StandardCharsets.US_ASCII);
        Lz4FrameCodec.CorruptInputException e = assertThrows(Lz4FrameCodec.CorruptInputException.class,
                () -> Lz4FrameCodec.decompress(text, 0, text.length, new byte[10], 0, 10));
        assertTrue(e.getMessage().startsWith("not an LZ4 frame"), e.getMessage());
    }

    // ---- through Arrow's codec interface ----

    /** An Arrow compressed buffer: the uncompressed length (int64 little-endian), then the frame. */
    private static ArrowBuf arrowBuffer(RootAllocator allocator, byte[] frame, long uncompressedLength) {
        ArrowBuf buf = allocator.buffer(8 + frame.length);
        buf.setLong(0, uncompressedLength);
        buf.setBytes(8, frame);
        buf.writerIndex(8 + frame.length);
        return buf;
    }

    @Test
    void decompressesArrowBuffersWithoutLeaking() throws IOException {
        byte[] data = repetitive(300_000, 8);
        byte[] frame = compress(data, BlockSize.K64, true, false);
        try (RootAllocator allocator = new RootAllocator()) {
            Lz4FrameCodec codec = new Lz4FrameCodec();
            ArrowBuf decompressed = codec.decompress(allocator, arrowBuffer(allocator, frame, data.length));
            byte[] back = new byte[data.length];
            decompressed.getBytes(0, back);
            assertEquals(data.length, decompressed.writerIndex());
            assertArrayEquals(data, back);
            decompressed.close();
            assertEquals(0, allocator.getAllocatedMemory(), "the compressed buffer is released");

            // truncated, or decoding to fewer bytes than the prefix says: a clear error, nothing leaked
            ArrowBuf truncated = arrowBuffer(allocator, Arrays.copyOf(frame, frame.length / 2), data.length);
            assertThrows(Lz4FrameCodec.CorruptInputException.class, () -> codec.decompress(allocator, truncated));
            truncated.close();
            ArrowBuf shortOutput = arrowBuffer(allocator, frame, data.length + 1);
            Lz4FrameCodec.CorruptInputException e = assertThrows(Lz4FrameCodec.CorruptInputException.class,
                    () -> codec.decompress(allocator, shortOutput));
            assertTrue(e.getMessage().contains("the buffer header says " + (data.length + 1)), e.getMessage());
            shortOutput.close();
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void compressesThroughArrowsCodecSoFilesCanBeWritten() throws IOException {
        byte[] data = repetitive(20_000, 9);
        try (RootAllocator allocator = new RootAllocator()) {
            ArrowBuf raw = allocator.buffer(data.length);
            raw.setBytes(0, data);
            raw.writerIndex(data.length);
            Lz4FrameCodec codec = new Lz4FrameCodec();
            ArrowBuf compressed = codec.compress(allocator, raw);
            ArrowBuf back = codec.decompress(allocator, compressed);
            byte[] out = new byte[data.length];
            back.getBytes(0, out);
            back.close();
            assertArrayEquals(data, out);
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void factoryUsesThisCodecForLz4AndArrowsForZstd() {
        FeatherCodecFactory factory = new FeatherCodecFactory();
        CompressionCodec lz4 = factory.createCodec(CompressionUtil.CodecType.LZ4_FRAME);
        assertInstanceOf(Lz4FrameCodec.class, lz4);
        assertSame(lz4, factory.createCodec(CompressionUtil.CodecType.LZ4_FRAME, 3));
        assertEquals(CompressionUtil.CodecType.ZSTD, factory.createCodec(CompressionUtil.CodecType.ZSTD).getCodecType());
        assertSame(NoCompressionCodec.INSTANCE, factory.createCodec(CompressionUtil.CodecType.NO_COMPRESSION));
    }
}
