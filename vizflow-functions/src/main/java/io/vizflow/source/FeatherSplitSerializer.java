package io.vizflow.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Serializes {@link FeatherSplit}s for checkpoints and for sending them to readers. */
final class FeatherSplitSerializer implements SimpleVersionedSerializer<FeatherSplit> {
    static final FeatherSplitSerializer INSTANCE = new FeatherSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FeatherSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + split.path().length() * 3);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FeatherSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown FeatherSplit serialization version " + version);
        }
        return read(new DataInputDeserializer(serialized));
    }

    static void write(FeatherSplit s, DataOutputView out) throws IOException {
        out.writeUTF(s.path());
        out.writeInt(s.firstBatch());
        out.writeInt(s.endBatch());
        out.writeLong(s.firstRowId());
        out.writeLong(s.rowCount());
        out.writeLong(s.rowsDone());
    }

    static FeatherSplit read(DataInputView in) throws IOException {
        String path = in.readUTF();
        int first = in.readInt();
        int end = in.readInt();
        long firstRowId = in.readLong();
        long rowCount = in.readLong();
        long done = in.readLong();
        return new FeatherSplit(path, first, end, firstRowId, rowCount, done);
    }
}
