package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {
    @TempDir Path dir;

    private Path layout(String json) throws Exception {
        Path file = dir.resolve("layout.json");
        Files.writeString(file, json);
        return file;
    }

    private Cli build(String json) throws Exception {
        return Cli.run(
                "build",
                "--layout",
                layout(json).toString(),
                "--out",
                dir.resolve("out").toString());
    }

    private static final String AARCH64 =
            """
            {
              "variant": "aarch64",
              "base": "0x40080000",
              "table-space": "256KiB",
              "tag": 3,
              "mappings": [
                {"name": "ram", "virtual": "0x40000000", "size": "1GiB", "physical": "identity", "rights": "rwx", "max-leaf": "2MiB"},
                {"name": "uart", "virtual": "0x09000000", "size": "4KiB", "physical": "identity", "rights": "rw", "memory-type": "device"},
                {"name": "kernel", "virtual": "0xffff000000000000", "size": "2MiB", "physical": "0x40200000", "rights": "rx", "global": true},
                {"name": "hole", "virtual": "0xffff000000200000", "size": "4KiB", "guard": true}
              ]
            }
            """;

    @Test
    void writesTheFiveFilesForAarch64() throws Exception {
        Cli cli = build(AARCH64);
        assertEquals(0, cli.status(), cli.err());
        Path out = dir.resolve("out");
        for (String name :
                new String[] {
                    "tables.bin", "tables.o", "registers.h", "registers.inc", "manifest.json"
                }) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        // TTBR0_EL1: ASID 3 in [63:48], the first table at the base (hardware-formats.md §4)
        assertTrue(cli.out().contains("TTBR0_EL1 = 0x3000040080000"), cli.out());
        String header = Files.readString(out.resolve("registers.h"));
        assertTrue(header.contains("#define PAGODA_TTBR0_EL1 0x3000040080000ULL"), header);
        assertTrue(header.contains("#define PAGODA_MAIR_EL1 0x4400BB4404FFULL"), header);
        String include = Files.readString(out.resolve("registers.inc"));
        assertTrue(include.contains(".set PAGODA_TTBR0_EL1, 0x3000040080000"), include);
        // the ELF object: ELFCLASS64, little-endian, ET_REL, EM_AARCH64 (183)
        ByteBuffer elf =
                ByteBuffer.wrap(Files.readAllBytes(out.resolve("tables.o")))
                        .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464C457F, elf.getInt(0));
        assertEquals(2, elf.get(4));
        assertEquals(1, elf.getShort(0x10));
        assertEquals(183, elf.getShort(0x12));
        String strings =
                new String(
                        Files.readAllBytes(out.resolve("tables.o")), StandardCharsets.ISO_8859_1);
        assertTrue(
                strings.contains(".pagoda.tables\0")
                        && strings.contains("pagoda_root_upper\0")
                        && strings.contains("pagoda_tcr_el1\0"));
        // the flat binary: the L0 table at the base; entry 0 is a table descriptor (bits[1:0] = 11)
        // for 0..512 GiB
        ByteBuffer bin =
                ByteBuffer.wrap(Files.readAllBytes(out.resolve("tables.bin")))
                        .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, bin.getLong(0) & 3);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"name\": \"uart\""), manifest);
        assertTrue(manifest.contains("\"memory-type\": \"device\""), manifest);
    }

    @Test
    void i386ObjectsAreElf32() throws Exception {
        Cli cli =
                build(
                        """
                {"variant": "i386-pae", "base": "0x100000", "mappings": [
                  {"virtual": "0xc0000000", "size": "4MiB", "physical": "0x0", "rights": "rwx", "global": true}]}
                """);
        assertEquals(0, cli.status(), cli.err());
        ByteBuffer elf =
                ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out/tables.o")))
                        .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, elf.get(4), "ELFCLASS32");
        assertEquals(3, elf.getShort(0x12), "EM_386");
        assertEquals(52, elf.getShort(0x28), "an ELF32 header is 52 bytes");
    }

    private void assertOneLineError(String json, String expected) throws Exception {
        Cli cli = build(json);
        assertEquals(2, cli.status(), cli.out());
        assertEquals(1, cli.err().strip().split("\n").length, cli.err());
        assertTrue(cli.err().contains(expected), cli.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void layoutErrorsAreOneLineNamingMappingAndField() throws Exception {
        assertOneLineError(
                """
                {"variant": "x86_64", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "2MiB", "physical": "identity", "rights": "rw"},
                  {"name": "late", "virtual": "0x1000", "size": "4KiB", "physical": "0x9000", "rights": "rw"}]}
                """,
                "layout.json:3:31: mapping 1 (late), field 'virtual': 0x1000 + 4 KiB overlaps mapping 0");
        assertOneLineError(
                """
                {"variant": "x86_64", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "2MiB", "physical": "identity", "rights": "rw", "colour": "red"}]}
                """,
                "mapping 0, field 'colour': unknown member");
        assertOneLineError(
                """
                {"variant": "x86_64", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "2MiB", "rights": "rw"}]}
                """,
                "mapping 0, field 'physical': missing");
        assertOneLineError(
                """
                {"variant": "sparc", "base": "0x100000", "mappings": []}
                """,
                "layout, field 'variant'");
        assertOneLineError(
                """
                {"variant": "x86_64", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "2MiB", "physical": "identity", "rights": "rw", "memory-type": "fast"}]}
                """,
                "mapping 0, field 'memory-type': 'fast' is not a memory type");
        assertOneLineError(
                """
                {"variant": "i386", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "4MiB", "physical": "identity", "rights": "rw"}]}
                """,
                "mapping 0, field 'rights'");
        assertOneLineError("{\"variant\": \"x86_64\",}", "layout.json:1:22: a comma before '}'");
    }
}
