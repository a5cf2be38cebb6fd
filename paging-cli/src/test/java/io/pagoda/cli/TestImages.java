package io.pagoda.cli;

import io.pagoda.cli.toy.ToyArchitecture;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tables written with TableHierarchy into SparseMemory, then dumped to files. The toy-cli scenario
 * (tables from the frame pool at 0x100000, so the root is 0x100000):
 *
 * <ul>
 *   <li>0x400000 + 3 pages -> 0x200000, user rw (4 KiB pages)
 *   <li>0x403000 -> 0x300000, user rw (not physically contiguous with the above)
 *   <li>0x800000 + 2 MiB -> 0x400000, kernel rx global (one block)
 *   <li>0xC00000 + 2 MiB guarded (a huge guard)
 *   <li>0xFFFFFFC000000000 -> 0x500000, kernel rw global (upper half)
 * </ul>
 */
final class TestImages {
    static final long POOL = 0x10_0000L;
    static final int POOL_FRAMES = 16;
    static final long ROOT = POOL;

    final SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
    final BitmapFrameAllocator frames = new BitmapFrameAllocator(POOL, POOL_FRAMES, 4096);
    final long rootTable;
    final TableHierarchy tables;

    private TestImages(ToyArchitecture architecture, int rootIndex) {
        PhysicalTableAccess access =
                new PhysicalTableAccess(memory, architecture.roots().get(rootIndex).geometry());
        rootTable =
                TableHierarchy.allocateRoot(architecture.roots().get(rootIndex), access, frames);
        tables =
                new TableHierarchy(
                        architecture.roots().get(rootIndex),
                        ToyArchitecture.PHYSICAL_BITS,
                        rootTable,
                        access,
                        frames,
                        NoFlush.INSTANCE);
    }

    static TestImages scenario() {
        TestImages images = new TestImages(ToyArchitecture.single(), 0);
        TableHierarchy t = images.tables;
        MappingFlags userRw = MappingFlags.of(MappingAccessRights.USER_RW);
        t.mapContiguous(0x40_0000L, 0x20_0000L, 0x3000, userRw, LeafSizePolicy.PAGES_ONLY);
        t.mapContiguous(0x40_3000L, 0x30_0000L, 0x1000, userRw, LeafSizePolicy.PAGES_ONLY);
        t.mapContiguous(
                0x80_0000L,
                0x40_0000L,
                0x20_0000,
                MappingFlags.of(MappingAccessRights.KERNEL_RX).withGlobal(true),
                LeafSizePolicy.LARGEST_FITTING);
        t.guard(0xC0_0000L, 0x20_0000);
        t.mapContiguous(
                0xFFFF_FFC0_0000_0000L,
                0x50_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true),
                LeafSizePolicy.PAGES_ONLY);
        return images;
    }

    /** A toy-split image and its second root. */
    record Split(TestImages images, long upperRoot) {}

    /** Two roots in one memory: LOWER maps 0x1000 -> 0x7000; UPPER maps the top page -> 0x8000. */
    static Split split() {
        ToyArchitecture split = ToyArchitecture.split(39);
        TestImages lower = new TestImages(split, 0);
        lower.tables.mapContiguous(
                0x1000,
                0x7000,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);
        // the upper hierarchy shares memory and allocator, so one dump holds both
        PhysicalTableAccess access =
                new PhysicalTableAccess(lower.memory, split.roots().get(1).geometry());
        long upperRoot = TableHierarchy.allocateRoot(split.roots().get(1), access, lower.frames);
        TableHierarchy upper =
                new TableHierarchy(
                        split.roots().get(1),
                        ToyArchitecture.PHYSICAL_BITS,
                        upperRoot,
                        access,
                        lower.frames,
                        NoFlush.INSTANCE);
        upper.mapContiguous(
                -0x1000L,
                0x8000,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);
        return new Split(lower, upperRoot);
    }

    /** The pool's bytes: every table lives there. */
    byte[] poolBytes() {
        byte[] bytes = new byte[POOL_FRAMES * 4096];
        memory.read(POOL, bytes, 0, bytes.length);
        return bytes;
    }

    Path writeRaw(Path file) throws IOException {
        return Files.write(file, poolBytes());
    }

    /** An ELF64 core holding the pool as two adjacent PT_LOAD segments. */
    Path writeElf(Path file) throws IOException {
        byte[] pool = poolBytes();
        int half = pool.length / 2;
        int phnum = 2;
        int dataStart = 64 + 56 * phnum;
        ByteBuffer b = ByteBuffer.allocate(dataStart + pool.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 4).putShort((short) 62).putInt(1);
        b.putLong(0).putLong(64).putLong(0).putInt(0);
        b.putShort((short) 64)
                .putShort((short) 56)
                .putShort((short) phnum)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0);
        b.position(64);
        b.putInt(1)
                .putInt(6)
                .putLong(dataStart)
                .putLong(0)
                .putLong(POOL)
                .putLong(half)
                .putLong(half)
                .putLong(0);
        b.putInt(1)
                .putInt(6)
                .putLong(dataStart + half)
                .putLong(0)
                .putLong(POOL + half)
                .putLong(pool.length - half)
                .putLong(pool.length - half)
                .putLong(0);
        b.put(pool);
        return Files.write(file, b.array());
    }
}
