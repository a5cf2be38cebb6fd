package io.pagoda.paging.walk;

import io.pagoda.paging.Hex;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import java.util.Map;

/** Runs one {@link HardwareVector} through the {@link PageWalker} on fresh memory. */
public final class HardwareVectorCheck {
    private HardwareVectorCheck() {
    }

    /** Null when the walker agrees with the vector, else what differs, in a sentence. */
    public static String mismatch(Architecture architecture, HardwareVector vector) {
        SparseMemory memory = new SparseMemory(Math.min(63, Math.max(architecture.physicalAddressBits(), 33)));
        for (Map.Entry<Long, Long> entry : vector.entries().entrySet()) {
            memory.writeEntry(entry.getKey(), vector.entrySize(), entry.getValue());
        }
        long[] registers = new long[architecture.roots().size()];
        registers[vector.rootIndex()] = vector.registerValue();
        WalkResult result = new PageWalker(architecture, memory).walk(vector.rootIndex(), vector.registerValue(), vector.virtualAddress());
        if (architecture.rootIndexFor(vector.virtualAddress()) != vector.rootIndex()) {
            result = new PageWalker(architecture, memory).walk(vector.virtualAddress(), registers);
        }
        if (vector.expectsFault()) {
            return result.fault() == vector.fault() ? null
                    : vector.id() + ": expected a " + vector.fault() + " fault for " + Hex.of(vector.virtualAddress()) + " but got " + result;
        }
        if (result.isFault() || result.physicalAddress() != vector.physicalAddress()) {
            return vector.id() + ": expected " + Hex.of(vector.virtualAddress()) + " -> " + Hex.of(vector.physicalAddress()) + " but got " + result;
        }
        return null;
    }
}
