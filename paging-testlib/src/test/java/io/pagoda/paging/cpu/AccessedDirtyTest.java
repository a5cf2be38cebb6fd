package io.pagoda.paging.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.machine.Machines;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CPU's accessed/dirty updates through the EntryFormat hooks, on toy-uniform with A = bit 10, D
 * = bit 11.
 */
class AccessedDirtyTest {
    static final long ACCESSED = 1L << 10;
    static final long DIRTY = 1L << 11;

    /** toy-uniform whose format has accessed and dirty flags in its free bits 10 and 11. */
    static Architecture withAccessedDirty() {
        ToyArchitecture toy = ToyArchitecture.uniform();
        TranslationRoot base = toy.root();
        EntryFormat format =
                new EntryFormat() {
                    private final EntryFormat f = base.format();

                    @Override
                    public Geometry geometry() {
                        return f.geometry();
                    }

                    public EntryKind kind(int level, long raw) {
                        return f.kind(level, raw);
                    }

                    public long tableAddress(int level, long raw) {
                        return f.tableAddress(level, raw);
                    }

                    public long leafAddress(int level, long raw) {
                        return f.leafAddress(level, raw);
                    }

                    public long tableEntry(int level, long pa) {
                        return f.tableEntry(level, pa);
                    }

                    public long leafTemplate(int level, MappingFlags flags) {
                        return f.leafTemplate(level, flags);
                    }

                    public long leafEntry(int level, long template, long pa) {
                        return f.leafEntry(level, template, pa);
                    }

                    public long guardEntry(int level) {
                        return f.guardEntry(level);
                    }

                    public MappingFlags leafFlags(int level, long raw) {
                        return f.leafFlags(level, raw);
                    }

                    public int tableRightsLimit(int level, long raw) {
                        return f.tableRightsLimit(level, raw);
                    }

                    public boolean isGlobal(int level, long raw) {
                        return f.isGlobal(level, raw);
                    }

                    public String describe(int level, long raw) {
                        return f.describe(level, raw);
                    }

                    @Override
                    public long withAccessed(int level, long raw) {
                        return raw | ACCESSED;
                    }

                    @Override
                    public long withDirty(int level, long raw) {
                        return raw | DIRTY;
                    }
                };
        TranslationRoot root =
                new TranslationRoot() {
                    public String registerName() {
                        return base.registerName();
                    }

                    public Geometry geometry() {
                        return base.geometry();
                    }

                    public EntryFormat format() {
                        return format;
                    }

                    public CanonicalForm canonicalForm() {
                        return base.canonicalForm();
                    }

                    public long tableAddress(long value) {
                        return base.tableAddress(value);
                    }

                    @Override
                    public int tag(long value) {
                        return base.tag(value);
                    }

                    public long registerValue(long table, int tag) {
                        return base.registerValue(table, tag);
                    }
                };
        return new Architecture() {
            public String name() {
                return "toy-uniform-ad";
            }

            public String description() {
                return "toy-uniform with accessed and dirty flags";
            }

            public List<TranslationRoot> roots() {
                return List.of(root);
            }

            public int physicalAddressBits() {
                return toy.physicalAddressBits();
            }

            public AddressLayout layout() {
                return toy.layout();
            }

            public TlbInstructions tlbInstructions() {
                return toy.tlbInstructions();
            }

            @Override
            public int tagBits() {
                return toy.tagBits();
            }
        };
    }

    @Test
    void walksSetAccessedAndWritesSetDirtyOnce() {
        Machine mmu = Machines.mmu(withAccessedDirty(), Machine.Options.defaults());
        SimulatedCpu cpu = mmu.cpu();
        TableHierarchy tables = mmu.activeTables(0);
        long va = 0x4000_0000L;
        tables.mapContiguous(
                va,
                0x8000_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);
        long leafEntry = leafEntryAddress(mmu, va);
        cpu.setAccessedDirtyUpdates(true);
        cpu.readLong(va);
        long raw = mmu.memory().readLong(leafEntry);
        assertEquals(ACCESSED, raw & (ACCESSED | DIRTY), "a read sets A only");
        assertEquals(
                ACCESSED,
                mmu.memory().readLong(cpu.rootTable(0) + 8) & ACCESSED,
                "the top entry used is accessed");
        long misses = cpu.tlb().misses();
        cpu.writeLong(va, 5);
        assertEquals(
                ACCESSED | DIRTY,
                mmu.memory().readLong(leafEntry) & (ACCESSED | DIRTY),
                "the first write walks again to set D");
        cpu.writeLong(va, 6);
        assertEquals(
                misses, cpu.tlb().misses(), "a dirty TLB entry serves later writes without a walk");
        TlbCoherenceCheck.assertCoherent(cpu);
    }

    private static long leafEntryAddress(Machine mmu, long va) {
        EntryFormat format = mmu.architecture().roots().get(0).format();
        long l1 =
                format.tableAddress(
                        0, mmu.memory().readLong(mmu.cpu().rootTable(0) + ((va >>> 30) & 511) * 8));
        long l2 = format.tableAddress(1, mmu.memory().readLong(l1 + ((va >>> 21) & 511) * 8));
        return l2 + ((va >>> 12) & 511) * 8;
    }
}
