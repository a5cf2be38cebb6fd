package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 13 item 7: ELF cores with very many segments, and e_machine against --arch. */
class ElfCoreTest {
    @TempDir Path dir;

    /**
     * An ELF64 core (little-endian, ET_CORE, the layout of the ELF specification) of {@code
     * segments} PT_LOAD headers of {@code bytes.length / segments} bytes each, the i-th at physical
     * {@code i * stride}; with more than 65,534 headers e_phnum is PN_XNUM and section header 0
     * carries the count.
     */
    private Path core(String name, int machine, byte[] bytes, int segments, long stride)
            throws IOException {
        int each = bytes.length / segments;
        boolean xnum = segments >= 0xFFFF;
        long phoff = 64;
        long shoff = phoff + 56L * segments;
        long data = shoff + (xnum ? 64 : 0);
        ByteBuffer b =
                ByteBuffer.allocate((int) (data + bytes.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 4).putShort((short) machine).putInt(1);
        b.putLong(0).putLong(phoff).putLong(xnum ? shoff : 0).putInt(0);
        b.putShort((short) 64)
                .putShort((short) 56)
                .putShort((short) (xnum ? 0xFFFF : segments))
                .putShort((short) 64)
                .putShort((short) (xnum ? 1 : 0))
                .putShort((short) 0);
        for (int i = 0; i < segments; i++) {
            b.position((int) (phoff + 56L * i));
            b.putInt(1)
                    .putInt(6)
                    .putLong(data + (long) i * each)
                    .putLong(0)
                    .putLong(i * stride)
                    .putLong(each)
                    .putLong(each)
                    .putLong(0);
        }
        if (xnum) {
            b.putInt((int) shoff + 0x2C, segments);
        }
        b.position((int) data);
        b.put(bytes);
        return Files.write(dir.resolve(name), b.array());
    }

    /**
     * An x86-64 table at 0 mapping VA 0x1000 to PA 0x1000 (PML4[0] -> 0x1000 ... one PT) in 4 KiB
     * of image.
     */
    private static byte[] tables() {
        return new Tables(0x4000)
                .put(0x0000, 0x1000 | Tables.X86_LINK)
                .put(0x1000, 0x2000 | Tables.X86_LINK)
                .put(0x2000, 0x3000 | Tables.X86_LINK)
                .put(0x3000 + 8, 0x1000 | Tables.X86_LINK)
                .bytes();
    }

    @Test
    void sixtyFiveThousandAdjacentSegmentsReadAsOne() throws IOException {
        byte[] bytes = new byte[65_534 * 8];
        System.arraycopy(tables(), 0, bytes, 0, 0x4000);
        Path core = core("adjacent.elf", 62, bytes, 65_534, 8);
        Cli cli =
                Cli.run("translate", "--arch", "x86_64", "--root", "0", core.toString(), "0x1234");
        assertEquals("", cli.err());
        assertEquals("0x1234 0x1234\n", cli.out());
    }

    @Test
    void sixtyFiveThousandScatteredSegmentsAreOneClearLine() throws IOException {
        Path core = core("scattered.elf", 62, new byte[65_534 * 8], 65_534, 0x1000);
        Cli cli = Cli.run("inspect", "--arch", "x86_64", "--root", "0", core.toString());
        assertEquals(2, cli.status(), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: "
                                        + core
                                        + " has 65534 separate PT_LOAD segments, more than the 4096"),
                cli.err());
        assertFalse(cli.err().contains("Map failed"), cli.err());
    }

    @ParameterizedTest(name = "e_machine {0} with --arch {1}")
    @CsvSource({
        "62, x86_64",
        "62, i386",
        "62, i386-pae",
        "3, i386",
        "3, x86_64",
        "62, x86_64-la57",
        "183, aarch64-4k-48",
        "62, toy-cli",
        "0, aarch64-4k-48"
    })
    void aCoreOfTheVariantsMachineFamilyIsRead(int machine, String arch) throws IOException {
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        arch,
                        "--root",
                        "0",
                        core("ok.elf", machine, tables(), 1, 0).toString());
        assertTrue(cli.status() == 0 || cli.status() == Main.CUT_SHORT, cli.err());
        assertFalse(cli.err().contains("e_machine"), cli.err());
    }

    @ParameterizedTest(name = "e_machine {0} with --arch {1}")
    @CsvSource({
        "183, x86_64, AArch64, EM_AARCH64",
        "183, i386-pae, AArch64, EM_AARCH64",
        "62, aarch64, x86, EM_X86_64",
        "3, aarch64-64k-42, x86, EM_386"
    })
    void aCoreOfAnotherMachineIsRefused(int machine, String arch, String family, String name)
            throws IOException {
        Path core = core("other.elf", machine, tables(), 1, 0);
        Cli cli = Cli.run("inspect", "--arch", arch, "--root", "0", core.toString());
        assertEquals(2, cli.status(), cli.err());
        assertEquals("", cli.out());
        assertEquals(
                "pagoda: "
                        + core
                        + " is a core of an "
                        + family
                        + " machine (e_machine "
                        + machine
                        + ", "
                        + name
                        + ") but --arch "
                        + arch,
                cli.err().substring(0, cli.err().indexOf(" reads ")),
                cli.err());
    }
}
