package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PAE dump whose PDPTE carries the Accessed bit QEMU 7.2's walker sets (hardware-formats.md §2
 * vector 2, PDPTE 0x111001 | 0x20): followed with one warning line, refused by {@code --strict}
 * with exit 4.
 */
class LoadCheckedEntriesTest {
    private static final String WARNING =
            "pagoda: warning: CR3 entry 1 at 0x345FE8 = 0x111021 (bits 0x20): reserved bits the CPU"
                    + " checks only when the register is loaded, set after the load (QEMU's walker sets Accessed in PAE PDPTEs);"
                    + " followed as the loaded CPU holds them (--strict refuses)\n";

    @TempDir Path dir;
    Path image;

    @BeforeEach
    void writeImage() throws IOException {
        ByteBuffer memory = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
        memory.putLong(0x34_5FE8, 0x0000_0000_0011_1021L);
        memory.putLong(
                0x11_1008, 0x0000_0002_0060_01E3L); // 2 MiB: P RW A D PS G, frame 0x200600000
        image = Files.write(dir.resolve("pae.raw"), memory.array());
    }

    @Test
    void translateFollowsThePdpteWithOneWarning() {
        Cli cli =
                Cli.run(
                        "translate",
                        "--arch",
                        "i386-pae",
                        "--root",
                        "0x345FE0",
                        image.toString(),
                        "0x40312345",
                        "0x3FFFFFFF");
        assertEquals(0, cli.status(), cli.err());
        assertEquals("0x40312345 0x200712345", cli.outLines()[0]);
        assertTrue(
                cli.outLines()[1].startsWith("0x3fffffff unmapped not_present at level 0"),
                cli.out());
        assertEquals(WARNING, cli.err());
    }

    @Test
    void inspectShowsWhatQemusInfoTlbShows() {
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "i386-pae",
                        "--root",
                        "0x345FE0",
                        "--format",
                        "qemu",
                        image.toString());
        assertEquals(0, cli.status(), cli.err());
        // QEMU keeps bits 63:20 of a 2 MiB PDE; letters XGPDACTUW: G, PS, D, A, W set (0x1E3 has no
        // U/S)
        assertEquals("0000000040200000: 0000000200600000 -GPDA---W\n", cli.out());
        assertEquals(WARNING, cli.err());
    }

    @Test
    void strictRefusesWithExitFour() {
        for (String command : new String[] {"translate", "inspect"}) {
            Cli cli =
                    command.equals("translate")
                            ? Cli.run(
                                    "translate",
                                    "--strict",
                                    "--arch",
                                    "i386-pae",
                                    "--root",
                                    "0x345FE0",
                                    image.toString(),
                                    "0x40312345")
                            : Cli.run(
                                    "inspect",
                                    "--strict",
                                    "--arch",
                                    "i386-pae",
                                    "--root",
                                    "0x345FE0",
                                    image.toString());
            assertEquals(Main.STRICT_REFUSED, cli.status(), cli.err());
            assertEquals(4, cli.status());
            assertEquals("", cli.out());
            assertEquals(
                    "pagoda: --strict: CR3 entry 1 at 0x345FE8 = 0x111021 (bits 0x20): reserved bits a root-register load"
                            + " refuses; drop --strict to read them as the loaded CPU holds them\n",
                    cli.err());
        }
    }

    @Test
    void strictReadsACleanPdptAsBefore() throws IOException {
        try (var channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.write(
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0x0011_1001L),
                    0x34_5FE8);
        }
        Cli cli =
                Cli.run(
                        "translate",
                        "--strict",
                        "--arch",
                        "i386-pae",
                        "--root",
                        "0x345FE0",
                        image.toString(),
                        "0x40312345");
        assertEquals(0, cli.status(), cli.err());
        assertEquals("0x40312345 0x200712345\n", cli.out());
        assertEquals("", cli.err());
    }
}
