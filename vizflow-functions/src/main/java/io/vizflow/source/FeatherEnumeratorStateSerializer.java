package io.vizflow.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Serializes the enumerator's state: the count of pending splits, then each split. */
final class FeatherEnumeratorStateSerializer implements SimpleVersionedSerializer<FeatherEnumeratorState> {
    static final FeatherEnumeratorStateSerializer INSTANCE = new FeatherEnumeratorStateSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FeatherEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pending().size());
        for (FeatherSplit s : state.pending()) {
            FeatherSplitSerializer.write(s, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public FeatherEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown FeatherEnumeratorState serialization version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int n = in.readInt();
        List<FeatherSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            splits.add(FeatherSplitSerializer.read(in));
        }
        return new FeatherEnumeratorState(splits);
    }
}
