package io.vizflow.source;

import java.util.List;

/** The checkpointed state of a {@link FeatherSource}'s enumerator: the splits not yet assigned. */
public final class FeatherEnumeratorState {
    private final List<FeatherSplit> pending;

    FeatherEnumeratorState(List<FeatherSplit> pending) {
        this.pending = List.copyOf(pending);
    }

    List<FeatherSplit> pending() {
        return pending;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatherEnumeratorState && pending.equals(((FeatherEnumeratorState) o).pending);
    }

    @Override
    public int hashCode() {
        return pending.hashCode();
    }

    @Override
    public String toString() {
        return "FeatherEnumeratorState(" + pending + ")";
    }
}
