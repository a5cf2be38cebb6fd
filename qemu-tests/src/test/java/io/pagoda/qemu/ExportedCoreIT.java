package io.pagoda.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.export.BootLayout;
import io.pagoda.paging.export.BootMapping;
import io.pagoda.paging.export.BootTables;
import io.pagoda.paging.export.FrameRun;
import io.pagoda.paging.export.MemoryExport;
import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: the ELF core MemoryExport writes, read by binutils' {@code readelf -a} (header, program
 * headers, notes) and back by Pagoda's own ElfCoreMemory: ET_CORE for the variant's machine, the
 * PT_NOTE first, one PT_LOAD per run of written frames at its physical address, the PAGODA note
 * with the variant and root register, and PT_LOAD contents equal to the simulated memory.
 */
class ExportedCoreIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "i386-pae", "aarch64-16k-47"})
    void readelfAndElfCoreMemoryReadTheCore(String variant) throws Exception {
        Architecture architecture = Architectures.discover().get(variant);
        boolean arm = variant.startsWith("aarch64");
        long base = arm ? 0x4800_0000L : 0x10_0000L;
        MappingFlags rw = MappingFlags.of(MappingAccessRights.KERNEL_RW);
        List<BootMapping> mappings =
                List.of(
                        BootMapping.identity("low", arm ? 0x4000_0000L : 0, 64L << 20, rw)
                                .pagesOnly(),
                        BootMapping.map(
                                        "high",
                                        arm ? 0xFFFF_8000_0000_0000L : 0xC000_0000L,
                                        0x4000_0000L,
                                        0x8000,
                                        rw)
                                .pagesOnly());
        BootTables tables = BootTables.build(BootLayout.of(architecture, base, mappings));
        // a second, separate run of frames: data far above the tables
        tables.memory().writeLong(base + (512L << 20), 0x1122_3344_5566_7788L);
        Path dir = Files.createTempDirectory("pagoda-core-" + variant + "-");
        Path core = dir.resolve("tables.core");
        List<FrameRun> runs =
                MemoryExport.writeCore(tables.memory(), architecture, tables.registers(), core);
        assertTrue(runs.size() >= 2, "runs " + runs);

        String readelf =
                LinkTablesIT.run(
                        dir,
                        List.of(
                                HostTools.hostBinutils("readelf").toString(),
                                "-a",
                                "-W",
                                "tables.core"));
        assertTrue(readelf.contains("CORE (Core file)"), readelf);
        String machine =
                arm
                        ? "AArch64"
                        : variant.equals("x86_64")
                                ? "Advanced Micro Devices X86-64"
                                : "Intel 80386";
        assertTrue(readelf.contains("Machine:                           " + machine), readelf);
        Matcher phdrs =
                Pattern.compile(
                                "(?m)^\\s+(NOTE|LOAD)\\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+)")
                        .matcher(readelf);
        List<String> kinds = new ArrayList<>();
        int load = 0;
        while (phdrs.find()) {
            kinds.add(phdrs.group(1));
            if (phdrs.group(1).equals("LOAD")) {
                FrameRun run = runs.get(load++);
                assertEquals(
                        run.physicalStart(),
                        Long.parseUnsignedLong(phdrs.group(4), 16),
                        "p_paddr of " + run);
                assertEquals(
                        run.length(),
                        Long.parseUnsignedLong(phdrs.group(5), 16),
                        "p_filesz of " + run);
            }
        }
        assertEquals("NOTE", kinds.get(0), "the PT_NOTE comes first: " + kinds);
        assertEquals(runs.size(), load, readelf);
        long root = tables.registers().values().get(0).value();
        assertTrue(readelf.contains("PAGODA") && readelf.contains("0x50470001"), readelf);

        try (ElfCoreMemory back = ElfCoreMemory.open(core)) {
            for (long frame : tables.memory().writtenFrames()) {
                for (long at = frame; at < frame + 4096; at += 8) {
                    assertEquals(
                            tables.memory().readLong(at),
                            back.readLong(at),
                            "0x" + Long.toHexString(at));
                }
            }
        }
        String note = new String(Files.readAllBytes(core), StandardCharsets.ISO_8859_1);
        assertTrue(
                note.contains("arch=" + variant + "\nroot=0x" + Long.toHexString(root) + "\n"),
                "the note's text");
        System.out.println(
                "[binutils] "
                        + variant
                        + ": readelf read the core ("
                        + runs.size()
                        + " PT_LOAD, PAGODA note), "
                        + tables.memory().writtenFrames().length
                        + " frames equal read back");
        QemuGdbRun.deleteQuietly(dir);
    }
}
