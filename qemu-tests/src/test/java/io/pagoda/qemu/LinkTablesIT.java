package io.pagoda.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15: {@code tables.o} linked by the host binutils into a tiny freestanding image. A stub
 * includes {@code registers.inc} and refers to the object's symbols; after linking with {@code
 * .pagoda.tables} placed at the layout's base, {@code nm} must give the root table and the register
 * values manifest.json states, the stub's words (relocated by ld) must hold the same values as the
 * include's constants, and the linked section's bytes must be {@code tables.bin}. {@code readelf
 * -a} must read the object without a warning.
 */
class LinkTablesIT {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x86_64,         as, ld, objcopy, nm, readelf, --64, elf_x86_64, CR3, .quad",
        "i386-pae,       as, ld, objcopy, nm, readelf, --32, elf_i386,   CR3, .long",
        "aarch64,        aarch64-linux-gnu-as, aarch64-linux-gnu-ld, aarch64-linux-gnu-objcopy, aarch64-linux-gnu-nm, aarch64-linux-gnu-readelf, '', aarch64linux, TTBR0_EL1, .quad",
        "aarch64-64k-48, aarch64-linux-gnu-as, aarch64-linux-gnu-ld, aarch64-linux-gnu-objcopy, aarch64-linux-gnu-nm, aarch64-linux-gnu-readelf, '', aarch64linux, TTBR0_EL1, .quad",
    })
    void symbolsResolveToTheBuiltValues(
            String variant,
            String as,
            String ld,
            String objcopy,
            String nm,
            String readelf,
            String asFlag,
            String emulation,
            String rootRegister,
            String word)
            throws IOException {
        BootLayouts.Layout layout =
                variant.startsWith("aarch64")
                        ? BootLayouts.aarch64(variant)
                        : BootLayouts.x86(variant);
        Path dir = Files.createTempDirectory("pagoda-link-" + variant + "-");
        Files.writeString(dir.resolve("layout.json"), layout.json());
        PagodaCli.run(
                        "build",
                        "--layout",
                        dir.resolve("layout.json").toString(),
                        "--out",
                        dir.resolve("out").toString())
                .requireClean();
        String manifest = Files.readString(dir.resolve("out/manifest.json"));
        long register = BootLayouts.register(manifest, rootRegister);
        String constant = "PAGODA_" + rootRegister;
        String symbol = "pagoda_" + rootRegister.toLowerCase(Locale.ROOT);
        boolean wide = word.equals(".quad");

        Files.copy(dir.resolve("out/registers.inc"), dir.resolve("registers.inc"));
        Files.writeString(
                dir.resolve("stub.S"),
                String.join(
                        "\n",
                        "    .include \"registers.inc\"",
                        "    .data",
                        "    .global _start",
                        "_start:",
                        "    " + word + " pagoda_root",
                        "    " + word + " " + symbol + (wide ? "" : "_lo"),
                        "    " + word + " " + constant + (wide ? "" : "_LO"),
                        "    " + word + " pagoda_tables_base",
                        "    " + word + " PAGODA_TABLES_BASE",
                        ""));
        List<String> assemble = new ArrayList<>(List.of(tool(as), "-o", "stub.o", "stub.S"));
        if (!asFlag.isEmpty()) {
            assemble.add(1, asFlag);
        }
        run(dir, assemble);
        run(
                dir,
                List.of(
                        tool(ld),
                        "-m",
                        emulation,
                        "-nostdlib",
                        "-e",
                        "_start",
                        "--section-start=.pagoda.tables=0x" + Long.toHexString(layout.base()),
                        "--section-start=.data=0x" + Long.toHexString(layout.base() + (64L << 20)),
                        "-o",
                        "image",
                        "stub.o",
                        "out/tables.o"));

        Map<String, Long> symbols = new LinkedHashMap<>();
        for (String line : run(dir, List.of(tool(nm), "image")).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) {
                symbols.put(parts[2], Long.parseUnsignedLong(parts[0], 16));
            }
        }
        long root = layout.base(); // the build puts the first root table at the base
        assertEquals(root, symbols.get("pagoda_root"), "pagoda_root");
        assertEquals(layout.base(), symbols.get("pagoda_tables_base"));
        assertEquals(layout.base(), symbols.get("pagoda_tables"), "the section sits at the base");
        assertEquals(register & 0xFFFF_FFFFL, symbols.get(symbol + "_lo"));
        if (wide) {
            assertEquals(register, symbols.get(symbol), symbol);
        }
        assertEquals(
                root,
                register & 0x0000_FFFF_FFFF_F000L,
                rootRegister + " points at the root table (flag and tag bits aside)");

        run(dir, List.of(tool(objcopy), "-O", "binary", "-j", ".data", "image", "data.bin"));
        ByteBuffer data =
                ByteBuffer.wrap(Files.readAllBytes(dir.resolve("data.bin")))
                        .order(ByteOrder.LITTLE_ENDIAN);
        long[] words = new long[5];
        for (int i = 0; i < words.length; i++) {
            words[i] = wide ? data.getLong(i * 8) : Integer.toUnsignedLong(data.getInt(i * 4));
        }
        long mask = wide ? -1L : 0xFFFF_FFFFL;
        assertEquals(
                Arrays.toString(
                        new long[] {
                            root, register & mask, register & mask, layout.base(), layout.base()
                        }),
                Arrays.toString(words),
                "the stub's words: pagoda_root, the register symbol, the include's constant, the base twice");

        run(
                dir,
                List.of(
                        tool(objcopy),
                        "-O",
                        "binary",
                        "-j",
                        ".pagoda.tables",
                        "image",
                        "tables-linked.bin"));
        assertTrue(
                Arrays.equals(
                        Files.readAllBytes(dir.resolve("out/tables.bin")),
                        Files.readAllBytes(dir.resolve("tables-linked.bin"))),
                "the linked section holds tables.bin");

        String elf = run(dir, List.of(tool(readelf), "-a", "-W", "out/tables.o"));
        assertTrue(elf.contains("REL (Relocatable file)"), elf);
        assertTrue(elf.contains(".pagoda.tables"), elf);
        assertFalse(elf.toLowerCase(Locale.ROOT).contains("warning"), elf);
        assertFalse(elf.toLowerCase(Locale.ROOT).contains("error"), elf);
        System.out.println(
                "[binutils] "
                        + variant
                        + ": tables.o linked by "
                        + ld
                        + "; pagoda_root = 0x"
                        + Long.toHexString(root)
                        + ", "
                        + symbol
                        + " = 0x"
                        + Long.toHexString(register)
                        + ", "
                        + symbols.size()
                        + " symbols");
        QemuGdbRun.deleteQuietly(dir);
    }

    private static String tool(String name) {
        return HostTools.require(
                        name,
                        name.startsWith("aarch64") ? "binutils-aarch64-linux-gnu" : "binutils")
                .toString();
    }

    static String run(Path dir, List<String> command) {
        try (BoundedProcess tool =
                BoundedProcess.start(
                        Path.of(command.get(0)).getFileName().toString(),
                        command,
                        dir,
                        Duration.ofSeconds(30),
                        true)) {
            if (!tool.awaitExit() || tool.exitCode() != 0) {
                throw new AssertionError(
                        "'"
                                + String.join(" ", command)
                                + "' failed in "
                                + dir
                                + ":\n"
                                + tool.stdout());
            }
            return tool.stdout();
        } catch (UncheckedIOException e) {
            throw new AssertionError("cannot run " + command, e);
        }
    }
}
