package io.pagoda.paging.export;

import io.pagoda.paging.memory.PhysicalMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Copies physical memory to a file a frame at a time, through the frame's words when the memory
 * hands them out.
 */
final class MemoryBytes {
    private static final int FRAME = 4096;

    private MemoryBytes() {}

    /**
     * Writes {@code [start, start + length)} of {@code memory}; start and length are multiples of 4
     * KiB.
     */
    static void copy(PhysicalMemory memory, long start, long length, WritableByteChannel channel)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(FRAME).order(ByteOrder.LITTLE_ENDIAN);
        long[] zeros = new long[FRAME / 8];
        for (long at = start; at - start < length; at += FRAME) {
            buffer.clear();
            if (memory.hasFrameWords()) {
                long[] words = memory.frameWords(at, false);
                // a frame never written reads as zero
                buffer.asLongBuffer().put(words == null ? zeros : words);
            } else {
                for (int i = 0; i < FRAME; i += 8) {
                    buffer.putLong(i, memory.readLong(at + i));
                }
            }
            buffer.position(0).limit(FRAME);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
