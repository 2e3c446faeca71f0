package io.vizflow.source;

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Arrow's {@code LZ4_FRAME} buffer codec, decoding with a plain Java LZ4 frame decoder.
 *
 * <p>Arrow Java's own codec goes through commons-compress' stream and is about 30 times slower
 * than the rest of a read; lz4-java refuses the linked blocks pyarrow writes. Here every block of
 * a frame is decoded into one output array (the length Arrow's 8-byte prefix gives), so matches
 * may reach back into earlier blocks. Uncompressed blocks are copied, checksums are skipped, the
 * frame's content size is checked when present. Damaged input fails with a
 * {@link CorruptInputException} saying where, never with an index out of bounds.
 *
 * <p>Keeps scratch arrays between calls: one instance per thread.
 */
final class Lz4FrameCodec extends AbstractCompressionCodec {
    static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int MIN_MATCH = 4;

    private byte[] in = new byte[0];
    private byte[] out = new byte[0];

    /** LZ4 input that cannot be decoded: truncated, corrupt or of an unsupported kind. */
    static final class CorruptInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptInputException(String message) {
            super(message);
        }
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
        return CompressionUtil.CodecType.LZ4_FRAME;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long expected = readUncompressedLength(compressed);
        long inLength = compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;
        if (expected < 0 || expected > Integer.MAX_VALUE - 16) {
            throw new CorruptInputException("invalid uncompressed length " + expected + " in LZ4 buffer");
        }
        if (inLength > Integer.MAX_VALUE - 16) {
            throw new CorruptInputException("LZ4 buffer of " + inLength + " bytes is too large");
        }
        int n = (int) inLength;
        int length = (int) expected;
        if (in.length < n) in = new byte[n];
        if (out.length < length) out = new byte[length];
        compressed.getBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, in, 0, n);
        int produced = decompress(in, 0, n, out, 0, length);
        if (produced != length) {
            throw new CorruptInputException(
                    "LZ4 data decoded to " + produced + " bytes, the buffer header says " + length);
        }
        ArrowBuf result = allocator.buffer(length);
        try {
            result.setBytes(0, out, 0, length);
            result.writerIndex(length);
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    @Override
    public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
        // Reading is what this codec is for; writing goes through Arrow's own (slow but correct) codec.
        return CommonsCompressionFactory.INSTANCE
                .createCodec(CompressionUtil.CodecType.LZ4_FRAME)
                .compress(allocator, uncompressed);
    }

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        throw new UnsupportedOperationException("compress() delegates to commons-compress");
    }

    /**
     * Decodes the LZ4 frames in {@code src[srcOff, srcOff + srcLen)} into {@code dst} from
     * {@code dstOff}, writing at most {@code dstCapacity} bytes; returns the number written.
     */
    static int decompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstCapacity) {
        int sp = srcOff;
        final int srcEnd = srcOff + srcLen;
        int dp = dstOff;
        final int dstEnd = dstOff + dstCapacity;
        if (srcLen == 0) {
            throw new CorruptInputException("empty LZ4 input");
        }
        while (sp < srcEnd) {
            int magic = readIntLE(src, sp, srcEnd, srcOff, "frame magic");
            if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
                long size = readIntLE(src, sp + 4, srcEnd, srcOff, "skippable frame size") & 0xFFFFFFFFL;
                if (size > srcEnd - sp - 8) {
                    throw truncated(sp, srcOff, "skippable frame");
                }
                sp += 8 + (int) size;
                continue;
            }
            if (magic != MAGIC) {
                throw new CorruptInputException(String.format(
                        "not an LZ4 frame at byte %d (magic 0x%08X)", sp - srcOff, magic));
            }
            if (srcEnd - sp < 7) {
                throw truncated(sp, srcOff, "frame header");
            }
            int flg = src[sp + 4] & 0xFF;
            int bd = src[sp + 5] & 0xFF;
            if ((flg >>> 6) != 1) {
                throw new CorruptInputException("unsupported LZ4 frame version " + (flg >>> 6));
            }
            if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) {
                throw new CorruptInputException("reserved bits set in LZ4 frame header");
            }
            boolean independent = (flg & 0x20) != 0;
            boolean blockChecksum = (flg & 0x10) != 0;
            boolean hasContentSize = (flg & 0x08) != 0;
            boolean contentChecksum = (flg & 0x04) != 0;
            if ((flg & 0x01) != 0) {
                throw new CorruptInputException("LZ4 frames with a dictionary id are not supported");
            }
            int blockSizeId = (bd >>> 4) & 0x7;
            if (blockSizeId < 4) {
                throw new CorruptInputException("invalid LZ4 block size id " + blockSizeId);
            }
            int maxBlockSize = 1 << (8 + 2 * blockSizeId); // 4 -> 64 KB ... 7 -> 4 MB
            int headerLength = 7 + (hasContentSize ? 8 : 0);
            if (srcEnd - sp < headerLength) {
                throw truncated(sp, srcOff, "frame header");
            }
            long contentSize = -1;
            if (hasContentSize) {
                contentSize = (readIntLE(src, sp + 6, srcEnd, srcOff, "content size") & 0xFFFFFFFFL)
                        | ((long) readIntLE(src, sp + 10, srcEnd, srcOff, "content size") << 32);
            }
            sp += headerLength; // header checksum byte skipped
            final int frameStart = dp;
            while (true) {
                int word = readIntLE(src, sp, srcEnd, srcOff, "block size");
                sp += 4;
                if (word == 0) {
                    break; // end mark
                }
                boolean stored = word < 0; // high bit: the block is not compressed
                int size = word & 0x7FFFFFFF;
                if (size > maxBlockSize) {
                    throw new CorruptInputException(String.format(
                            "LZ4 block of %d bytes at byte %d exceeds the frame's maximum of %d",
                            size, sp - 4 - srcOff, maxBlockSize));
                }
                if (size > srcEnd - sp) {
                    throw truncated(sp, srcOff, "block");
                }
                if (stored) {
                    if (size > dstEnd - dp) {
                        throw overflow(dp, dstOff, dstCapacity);
                    }
                    System.arraycopy(src, sp, dst, dp, size);
                    dp += size;
                } else {
                    dp = decodeBlock(src, sp, sp + size, dst, dp, dstEnd, independent ? dp : frameStart,
                            srcOff, dstOff, dstCapacity);
                }
                sp += size;
                if (blockChecksum) {
                    if (srcEnd - sp < 4) {
                        throw truncated(sp, srcOff, "block checksum");
                    }
                    sp += 4;
                }
            }
            if (contentChecksum) {
                if (srcEnd - sp < 4) {
                    throw truncated(sp, srcOff, "content checksum");
                }
                sp += 4;
            }
            if (hasContentSize && dp - frameStart != contentSize) {
                throw new CorruptInputException("LZ4 frame decoded to " + (dp - frameStart)
                        + " bytes, its header says " + contentSize);
            }
            if (dp == dstEnd) {
                break; // output complete; anything after it (padding) is ignored
            }
        }
        return dp - dstOff;
    }

    /** Decodes one LZ4 block; matches may reach back to {@code windowStart}. Returns the new output position. */
    private static int decodeBlock(byte[] src, int sp, int srcEnd, byte[] dst, int dp, int dstEnd,
                                   int windowStart, int srcOff, int dstOff, int dstCapacity) {
        while (true) {
            if (sp >= srcEnd) {
                throw truncated(sp, srcOff, "block (sequence expected)");
            }
            int token = src[sp++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (sp >= srcEnd) {
                        throw truncated(sp, srcOff, "literal length");
                    }
                    b = src[sp++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals < Integer.MAX_VALUE / 2);
            }
            if (literals > srcEnd - sp) {
                throw truncated(sp, srcOff, "literals");
            }
            if (literals > dstEnd - dp) {
                throw overflow(dp, dstOff, dstCapacity);
            }
            System.arraycopy(src, sp, dst, dp, literals);
            sp += literals;
            dp += literals;
            if (sp == srcEnd) {
                return dp; // the last sequence has literals only
            }
            if (srcEnd - sp < 2) {
                throw truncated(sp, srcOff, "match offset");
            }
            int offset = (src[sp] & 0xFF) | ((src[sp + 1] & 0xFF) << 8);
            sp += 2;
            if (offset == 0 || offset > dp - windowStart) {
                throw new CorruptInputException(String.format(
                        "LZ4 match offset %d at byte %d reaches before the start of the data",
                        offset, sp - 2 - srcOff));
            }
            int matchLength = token & 15;
            if (matchLength == 15) {
                int b;
                do {
                    if (sp >= srcEnd) {
                        throw truncated(sp, srcOff, "match length");
                    }
                    b = src[sp++] & 0xFF;
                    matchLength += b;
                } while (b == 255 && matchLength < Integer.MAX_VALUE / 2);
            }
            matchLength += MIN_MATCH;
            if (matchLength > dstEnd - dp) {
                throw overflow(dp, dstOff, dstCapacity);
            }
            int from = dp - offset;
            if (offset >= matchLength) {
                System.arraycopy(dst, from, dst, dp, matchLength);
            } else if (offset == 1) {
                java.util.Arrays.fill(dst, dp, dp + matchLength, dst[from]);
            } else {
                // Overlapping match: the output repeats with period `offset`. Copy from `from`
                // in growing chunks, each reading only bytes already written.
                int copied = 0;
                while (copied < matchLength) {
                    int n = Math.min(offset + copied, matchLength - copied);
                    System.arraycopy(dst, from, dst, dp + copied, n);
                    copied += n;
                }
            }
            dp += matchLength;
        }
    }

    private static int readIntLE(byte[] b, int p, int end, int srcOff, String what) {
        if (p < 0 || end - p < 4) {
            throw truncated(p, srcOff, what);
        }
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static CorruptInputException truncated(int p, int srcOff, String what) {
        return new CorruptInputException("LZ4 data truncated at byte " + (p - srcOff) + " (in " + what + ")");
    }

    private static CorruptInputException overflow(int dp, int dstOff, int capacity) {
        return new CorruptInputException("LZ4 data decodes to more than the expected "
                + capacity + " bytes (at output byte " + (dp - dstOff) + ")");
    }
}
