package io.vizflow.source;

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The codecs for reading Feather: {@link Lz4FrameCodec} for LZ4 (pyarrow's default), Arrow's
 * commons-compress factory (zstd-jni) for ZSTD. Holds one LZ4 codec with its scratch arrays, so
 * one factory per reading thread.
 */
final class FeatherCodecFactory implements CompressionCodec.Factory {
    private final Lz4FrameCodec lz4 = new Lz4FrameCodec();
    private CompressionCodec zstd;

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
        switch (codecType) {
            case NO_COMPRESSION:
                return NoCompressionCodec.INSTANCE;
            case LZ4_FRAME:
                return lz4;
            case ZSTD:
                if (zstd == null) {
                    zstd = CommonsCompressionFactory.INSTANCE.createCodec(codecType);
                }
                return zstd;
            default:
                throw new IllegalArgumentException("unsupported compression " + codecType);
        }
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int compressionLevel) {
        return createCodec(codecType);
    }
}
