package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.export.MemoryExport;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables built in the JVM leave it as an ELF core ({@link MemoryExport#writeCore}) that the command
 * reads back with no {@code --arch} and no {@code --root}: the core's PAGODA note names the variant
 * and the root registers. The expected translations are the mappings the test made, one page per
 * root.
 */
class ExportedCoreInspectTest {
    private static final long PAGE_PA = 0x0123_4000L;

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "x86_64-la57", "i386-pae", "aarch64", "aarch64-16k-47"})
    void inspectAndTranslateAnExportedCoreWithoutArchOrRoot(String variant) {
        Architecture architecture = Architectures.discover().get(variant);
        SparseMemory memory = new SparseMemory(Math.min(52, architecture.physicalAddressBits()));
        long pageSize = architecture.roots().get(0).geometry().pageSize();
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x0040_0000L, 64, pageSize);
        MappingFlags flags =
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, false);
        long[] tables = new long[architecture.roots().size()];
        long[] mapped = new long[tables.length];
        for (int r = 0; r < tables.length; r++) {
            TranslationRoot root = architecture.roots().get(r);
            PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
            tables[r] = TableHierarchy.allocateRoot(root, access, allocator);
            TableHierarchy hierarchy =
                    new TableHierarchy(
                            root,
                            architecture.physicalAddressBits(),
                            tables[r],
                            access,
                            allocator,
                            NoFlush.INSTANCE);
            // the second page of the root's range: inside every variant's canonical range, under
            // the root it belongs to
            mapped[r] = root.canonicalForm().virtual(pageSize);
            hierarchy.mapContiguous(
                    mapped[r], PAGE_PA + r * pageSize, pageSize, flags, LeafSizePolicy.PAGES_ONLY);
        }
        Path core = dir.resolve(variant + ".core");
        MemoryExport.writeCore(
                memory,
                architecture,
                architecture.rootRegisters(tables, RootSettings.DEFAULT),
                core);

        Cli inspect = Cli.run("inspect", core.toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(
                inspect.err().contains("pagoda: reading " + variant),
                "one line says what the note chose: " + inspect.err());
        for (int r = 0; r < mapped.length; r++) {
            String va = hex16(mapped[r]);
            assertTrue(
                    inspect.out().contains(va),
                    "inspect lists the page at " + va + ":\n" + inspect.out());
        }

        for (int r = 0; r < mapped.length; r++) {
            Cli translate =
                    Cli.run(
                            "translate",
                            core.toString(),
                            "0x" + Long.toHexString(mapped[r] + 0x18));
            assertEquals(0, translate.status(), translate.err());
            assertEquals(
                    "0x"
                            + Long.toHexString(mapped[r] + 0x18)
                            + " 0x"
                            + Long.toHexString(PAGE_PA + r * pageSize + 0x18),
                    translate.out().strip());
        }
    }

    private static String hex16(long value) {
        return String.format(Locale.ROOT, "%016x", value);
    }
}
