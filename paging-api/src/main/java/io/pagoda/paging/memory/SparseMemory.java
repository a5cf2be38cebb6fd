package io.pagoda.paging.memory;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PhysicalAddressException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Simulated RAM up to a physical width: 4 KiB frames appear when first written (reads of untouched
 * memory return zero and allocate nothing; zeroing a whole frame gives its storage back). Frames
 * are {@code long[512]} found by direct index in a radix tree over the frame number, never by
 * hashing, so table views can resolve a frame's words once and then read and write entries as array
 * elements. The tree is narrow where memory is sparse (chunks of 1,024 frames under directories of
 * 64 entries), so a hierarchy's heap is its tables plus a few kilobytes, and the last chunk used is
 * kept, since a walk's tables and a range's frames mostly share one 4 MiB chunk. Not thread-safe:
 * callers lock.
 */
public final class SparseMemory implements PhysicalMemory {
    private static final int FRAME_SHIFT = 12;
    private static final int WORDS = 512;

    /** Frame-number bits resolved by one chunk of frames. */
    private static final int CHUNK_BITS = 10;

    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    /** Chunk-number bits resolved by one directory. */
    private static final int DIR_BITS = 6;

    private static final int DIR_MASK = (1 << DIR_BITS) - 1;

    private final int physicalBits;
    private final long limit;

    /** Directory levels above the chunks (0: the root is itself a chunk). */
    private final int directories;

    private final Object @Nullable [] root;
    private int size;

    /**
     * Changes whenever a frame's words are made or given back: cached arrays are checked against
     * it.
     */
    private int epoch;

    // the last chunk touched: a walk's tables and a range's frames mostly share one 4 MiB chunk
    // (one immutable pair, made once per chunk and kept in the directory, so that optimistic
    // readers
    // running side by side never see one chunk's key with another's frames)
    private @Nullable Chunk lastChunk;

    /** A chunk's frames with its key (frame number without its low {@code CHUNK_BITS}). */
    private static final class Chunk {
        private final long key;
        private final long[][] frames;

        Chunk(long key, long[][] frames) {
            this.key = key;
            this.frames = frames;
        }

        long key() {
            return key;
        }

        long[][] frames() {
            return frames;
        }
    }

    /**
     * Memory addressable with {@code physicalBits} bits (at most 63), all zero and holding no frame
     * yet.
     *
     * @param physicalBits the physical address width in bits, 12 to 63: the memory's {@link
     *     #limit()} is 2^physicalBits bytes
     * @throws IllegalArgumentException when {@code physicalBits} is outside 12..63
     */
    public SparseMemory(int physicalBits) {
        if (physicalBits < 12 || physicalBits > 63) {
            throw new IllegalArgumentException(
                    "physical width " + physicalBits + " is outside 12..63 bits");
        }
        this.physicalBits = physicalBits;
        this.limit = 1L << physicalBits;
        int frameBits = physicalBits - FRAME_SHIFT;
        int keyBits = Math.max(0, frameBits - CHUNK_BITS);
        this.directories = (keyBits + DIR_BITS - 1) / DIR_BITS;
        int topBits = keyBits - Math.max(0, directories - 1) * DIR_BITS;
        this.root = directories == 0 ? null : new Object[1 << topBits];
        if (directories == 0) {
            lastChunk = new Chunk(0, new long[1 << Math.max(0, frameBits)][]);
        }
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    /**
     * How many 4 KiB frames are stored: written to and not zeroed whole since.
     *
     * @return the number of stored frames (not bytes)
     */
    public int touchedFrames() {
        return size;
    }

    /**
     * The physical addresses of the 4 KiB frames stored (written to and not zeroed whole since),
     * ascending: what an export writes. A frame that was written and later zeroed word by word is
     * still listed; one never written is not.
     *
     * @return a new array of the stored frames' physical addresses, ascending
     */
    public long[] writtenFrames() {
        long[] frames = new long[size];
        int[] count = {0};
        forEachFrame((frame, words) -> frames[count[0]++] = frame << FRAME_SHIFT);
        return frames;
    }

    private void check(long pa, int width) {
        if (pa < 0 || pa > limit - width) {
            throw new PhysicalAddressException(
                    "physical address "
                            + Hex.of(pa)
                            + " is outside simulated memory "
                            + Hex.of(0)
                            + ".."
                            + Hex.of(limit - 1)
                            + "; use an address below the architecture's physical width");
        }
    }

    /**
     * The chunk of frames holding frame number {@code frame}, or null when none was made (and
     * {@code create} is false).
     */
    private long @Nullable [][] chunk(long frame, boolean create) {
        long key = frame >>> CHUNK_BITS;
        Chunk last = lastChunk;
        if (last != null && key == last.key()) {
            return last.frames();
        }
        // with no directory the single chunk is lastChunk, keyed 0, and returned above
        Object[] dir = Objects.requireNonNull(root);
        for (int level = directories - 1; level > 0; level--) {
            int index = (int) (key >>> (level * DIR_BITS)) & DIR_MASK;
            Object next = dir[index];
            if (next == null) {
                if (!create) {
                    return null;
                }
                next = new Object[1 << DIR_BITS];
                dir[index] = next;
            }
            dir = (Object[]) next;
        }
        int index = (int) (key & DIR_MASK);
        Chunk chunk = (Chunk) dir[index];
        if (chunk == null) {
            if (!create) {
                return null;
            }
            chunk = new Chunk(key, new long[1 << CHUNK_BITS][]);
            dir[index] = chunk;
        }
        lastChunk = chunk;
        return chunk.frames();
    }

    private long @Nullable [] find(long frame) {
        long[][] chunk = chunk(frame, false);
        return chunk == null ? null : chunk[(int) frame & CHUNK_MASK];
    }

    private long[] findOrCreate(long frame) {
        long[][] chunk = Objects.requireNonNull(chunk(frame, true));
        long[] words = chunk[(int) frame & CHUNK_MASK];
        if (words == null) {
            words = new long[WORDS];
            chunk[(int) frame & CHUNK_MASK] = words;
            size++;
            epoch++;
        }
        return words;
    }

    @Override
    public int frameWordsEpoch() {
        return epoch;
    }

    /** Reads keep no state but the last chunk, an immutable pair: safe beside other reads. */
    @Override
    public boolean concurrentReads() {
        return true;
    }

    @Override
    public boolean hasFrameWords() {
        return true;
    }

    @Override
    public long @Nullable [] frameWords(long frameAddress, boolean create) {
        check(frameAddress, 1);
        long frame = frameAddress >>> FRAME_SHIFT;
        return create ? findOrCreate(frame) : find(frame);
    }

    @Override
    public long readLong(long pa) {
        check(pa, 8);
        if ((pa & 7) != 0) {
            return Integer.toUnsignedLong(readInt(pa)) | ((long) readInt(pa + 4) << 32);
        }
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : frame[(int) (pa & 0xFFF) >>> 3];
    }

    @Override
    public int readInt(long pa) {
        check(pa, 4);
        if ((pa & 3) != 0) {
            int value = 0;
            for (int i = 3; i >= 0; i--) {
                value = (value << 8) | (readByte(pa + i) & 0xFF);
            }
            return value;
        }
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : (int) (frame[(int) (pa & 0xFFF) >>> 3] >>> ((pa & 4) << 3));
    }

    @Override
    public byte readByte(long pa) {
        check(pa, 1);
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : (byte) (frame[(int) (pa & 0xFFF) >>> 3] >>> ((pa & 7) << 3));
    }

    @Override
    public void writeLong(long pa, long value) {
        check(pa, 8);
        if ((pa & 7) != 0) {
            writeInt(pa, (int) value);
            writeInt(pa + 4, (int) (value >>> 32));
            return;
        }
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            frame[(int) (pa & 0xFFF) >>> 3] = value;
        }
    }

    @Override
    public void writeInt(long pa, int value) {
        check(pa, 4);
        if ((pa & 3) != 0) {
            for (int i = 0; i < 4; i++) {
                writeByte(pa + i, (byte) (value >>> (8 * i)));
            }
            return;
        }
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            int word = (int) (pa & 0xFFF) >>> 3;
            int shift = (int) ((pa & 4) << 3);
            frame[word] =
                    (frame[word] & ~(0xFFFFFFFFL << shift))
                            | (Integer.toUnsignedLong(value) << shift);
        }
    }

    @Override
    public void writeByte(long pa, byte value) {
        check(pa, 1);
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            int word = (int) (pa & 0xFFF) >>> 3;
            int shift = (int) ((pa & 7) << 3);
            frame[word] = (frame[word] & ~(0xFFL << shift)) | ((value & 0xFFL) << shift);
        }
    }

    @Override
    public void zero(long pa, long length) {
        if (length <= 0) {
            return;
        }
        check(pa, 1);
        check(pa + length - 1, 1);
        long end = pa + length;
        long at = pa;
        while (at < end) {
            long frameEnd = Math.min(end, (at | 0xFFF) + 1);
            if ((at & 0xFFF) == 0 && frameEnd - at == 0x1000) {
                // a whole frame reads as zero without storage: give its words back
                release(at >>> FRAME_SHIFT);
            } else if ((at & 7) == 0 && (frameEnd & 7) == 0) {
                long[] words = find(at >>> FRAME_SHIFT);
                if (words != null) {
                    Arrays.fill(
                            words,
                            (int) (at & 0xFFF) >>> 3,
                            (int) (((frameEnd - 1) & 0xFFF) >>> 3) + 1,
                            0L);
                }
            } else {
                for (long b = at; b < frameEnd; b++) {
                    writeByte(b, (byte) 0);
                }
            }
            at = frameEnd;
        }
    }

    private void release(long frame) {
        long[][] chunk = chunk(frame, false);
        if (chunk != null && chunk[(int) frame & CHUNK_MASK] != null) {
            chunk[(int) frame & CHUNK_MASK] = null;
            size--;
            epoch++;
        }
    }

    /** Calls {@code visitor} with every frame ever written to, by frame number. */
    private void forEachFrame(FrameVisitor visitor) {
        if (directories == 0) {
            visitChunk(Objects.requireNonNull(lastChunk).frames(), 0, visitor);
        } else {
            visitDirectory(Objects.requireNonNull(root), directories, 0, visitor);
        }
    }

    private interface FrameVisitor {
        void visit(long frame, long[] words);
    }

    private static void visitDirectory(Object[] dir, int level, long prefix, FrameVisitor visitor) {
        for (int i = 0; i < dir.length; i++) {
            if (dir[i] == null) {
                continue;
            }
            long next = (prefix << DIR_BITS) | i;
            if (level > 1) {
                visitDirectory((Object[]) dir[i], level - 1, next, visitor);
            } else {
                visitChunk(((Chunk) dir[i]).frames(), next, visitor);
            }
        }
    }

    private static void visitChunk(long[][] chunk, long key, FrameVisitor visitor) {
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] != null) {
                visitor.visit((key << CHUNK_BITS) | i, chunk[i]);
            }
        }
    }

    /**
     * A deep copy, for before/after comparisons.
     *
     * @return a memory of the same width holding the same bytes, sharing no storage with this one
     */
    public SparseMemory copy() {
        SparseMemory copy = new SparseMemory(physicalBits);
        forEachFrame(
                (frame, words) -> System.arraycopy(words, 0, copy.findOrCreate(frame), 0, WORDS));
        return copy;
    }

    /**
     * Whether every byte of both memories is equal (untouched frames read as zero).
     *
     * @param other the memory to compare with; its width may differ
     * @return true when no byte differs
     */
    public boolean contentEquals(SparseMemory other) {
        return firstDifference(other) == -1;
    }

    /**
     * The lowest physical address whose byte differs, or -1 when the memories are equal.
     *
     * @param other the memory to compare with; its width may differ
     * @return the physical address of the first differing 8-byte word (aligned to 8), or -1 when
     *     the memories are equal
     */
    public long firstDifference(SparseMemory other) {
        long first = Math.min(differencesAgainst(other), other.differencesAgainst(this));
        return first == Long.MAX_VALUE ? -1 : first;
    }

    private long differencesAgainst(SparseMemory other) {
        long[] first = {Long.MAX_VALUE};
        forEachFrame(
                (frame, mine) -> {
                    long[] theirs = (frame << FRAME_SHIFT) < other.limit ? other.find(frame) : null;
                    for (int w = 0; w < WORDS; w++) {
                        long theirWord = theirs == null ? 0 : theirs[w];
                        if (mine[w] != theirWord) {
                            first[0] = Math.min(first[0], (frame << FRAME_SHIFT) + w * 8L);
                            break;
                        }
                    }
                });
        return first[0];
    }
}
