package io.pagoda.example.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.UnknownArchitectureException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Capabilities;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.Translation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's example, line for line, on every variant the build bundles (the three architecture
 * modules and the guide's RISC-V example), with what its comments promise checked; and the README's
 * text checked to be these lines.
 */
class ReadmeExampleTest {
    private static final Path THIS_SOURCE =
            Path.of("src/test/java/io/pagoda/example/readme/ReadmeExampleTest.java");
    private static final Path README = Path.of("..", "README.md");

    static List<String> everyBundledVariant() {
        return Architectures.discover().names();
    }

    @Test
    void everyArchitectureModuleIsOnTheClassPath() {
        List<String> names = everyBundledVariant();
        for (String expected :
                List.of(
                        "i386",
                        "i386-widen-exec",
                        "i386-pae",
                        "x86_64",
                        "x86_64-la57",
                        "aarch64-4k-39",
                        "aarch64-16k-47",
                        "aarch64-64k-48",
                        "riscv-sv39")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBundledVariant")
    void theReadmeExampleRunsAsWrittenOn(String name) {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        AddressSpace space;
        long page;
        long block;
        try {
            // spotless:off: kept as README.md shows it (theReadmeShowsThisCode compares the lines)
            // --- as in README.md (there with "x86_64" for name)
            Architecture arch = Architectures.discover().get(name);       // or "i386", "aarch64-16k-47", ...
            Capabilities can = arch.capabilities();                          // ask what the variant expresses, before mapping
            page = can.frameSize();                                     // 4 KiB here, 16 KiB or 64 KiB on AArch64 granules
            block = can.leafSizes().get(1);                             // 2 MiB here, 4 MiB on i386, 32 MiB with 16 KiB pages
            MappingAccessRights data = can.leastCovering(MappingAccessRights.USER_RW).orElseThrow();    // i386 adds x: no NX bit
            MappingAccessRights kernel = can.leastCovering(MappingAccessRights.KERNEL_RW).orElseThrow();
            SparseMemory ram = new SparseMemory(arch.physicalAddressBits());
            space = AddressSpace.create(arch, ram, new BitmapFrameAllocator(0x100_0000, 4096, page));

            space.map(block, 4 * page, MappingFlags.of(data));                                     // allocates 4 frames
            space.mapPhysical(2 * block, 0x8000_0000L, block,
                    MappingFlags.of(kernel), LeafSizePolicy.LARGEST_FITTING);                      // one 2 MiB block
            space.guard(3 * block, block);                                                         // a huge guard: one entry
            space.writeLong(block + 0x10, 42);                                                     // through the simulated MMU
            System.out.println(space.translate(2 * block + 0x1_2345));  // 0x412345 -> 0x80012345 (2 MiB at level 2, rw-- write_back)
            space.unmap(block, 4 * page);                                                          // frees the 4 frames
            // ---
            // spotless:on
        } finally {
            System.setOut(console);
        }
        Translation inBlock = space.translate(2 * block + 0x1_2345);
        assertEquals(0x8001_2345L, inBlock.physicalAddress(), "the block maps 0x8000_0000 onwards");
        assertEquals(block, inBlock.size(), "one leaf maps the whole block");
        assertTrue(
                printed.toString(StandardCharsets.UTF_8)
                        .startsWith(
                                "0x" + Long.toHexString(2 * block + 0x1_2345) + " -> 0x80012345 ("),
                printed.toString(StandardCharsets.UTF_8));
        if (name.equals("x86_64")) {
            assertEquals(
                    "0x412345 -> 0x80012345 (2 MiB at level 2, rw-- write_back)"
                            + System.lineSeparator(),
                    printed.toString(StandardCharsets.UTF_8),
                    "the line the README's comment shows");
        }
        assertEquals(
                0,
                space.ownedFrameCount(),
                "the four frames the space owned are gone with the unmap");
        assertEquals(PageState.AVAILABLE, space.translate(block).state());
        assertEquals(
                PageState.GUARDED,
                space.translate(3 * block + page).state(),
                "one huge guard covers the block");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        UnknownArchitectureException e =
                assertThrows(
                        UnknownArchitectureException.class,
                        () -> Architectures.discover().get("vax"));
        assertTrue(
                e.getMessage().startsWith("unknown architecture 'vax'; known: "), e.getMessage());
        assertTrue(e.getMessage().contains("x86_64"), e.getMessage());
    }

    /**
     * The README shows exactly the lines the parameterized test runs, with "x86_64" where the test
     * passes the name.
     */
    @Test
    void theReadmeShowsThisCode() throws Exception {
        List<String> tested = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(THIS_SOURCE)) {
            if (line.trim().startsWith("// --- as in README.md")) {
                inside = true;
            } else if (line.trim().equals("// ---")) {
                inside = false;
            } else if (inside) {
                tested.add(line.replace("get(name)", "get(\"x86_64\")"));
            }
        }
        String indent = tested.get(0).substring(0, tested.get(0).indexOf("Architecture arch"));
        StringBuilder expected = new StringBuilder();
        for (String line : tested) {
            // the test declares page, block and space before its try block, so that it can check
            // them afterwards
            String shown = line.startsWith(indent) ? line.substring(indent.length()) : line.strip();
            shown =
                    shown.replaceFirst("^page = ", "long page = ")
                            .replaceFirst("^block = ", "long block = ")
                            .replaceFirst("^space = ", "AddressSpace space = ");
            expected.append(shown).append('\n');
        }
        String readme = Files.readString(README);
        assertTrue(
                readme.contains(expected.toString()),
                "README.md's snippet differs from the tested lines; it should read:\n" + expected);
    }
}
