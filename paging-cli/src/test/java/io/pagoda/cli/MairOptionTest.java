package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mair}: memory types from the guest's own MAIR_EL1. The image holds hardware-formats.md
 * §4 vector A1 (a 4K page whose AttrIndx is 1): Device-nGnRE in Pagoda's fixed MAIR, normal
 * write-back in Linux's (0x000000040044FFFF: Attr1 = 0xFF, inner and outer write-back non-transient
 * read/write-allocate).
 */
class MairOptionTest {
    @TempDir Path dir;
    Path image;

    @BeforeEach
    void writeImage() throws IOException {
        ByteBuffer memory = ByteBuffer.allocate(0x4000).order(ByteOrder.LITTLE_ENDIAN);
        memory.putLong(0x0000, 0x0000000080001003L);
        memory.putLong(0x1240, 0x0000000080002003L);
        memory.putLong(0x2D10, 0x0000000080003003L);
        memory.putLong(0x3B38, 0x0020000087654F47L);
        image = Files.write(dir.resolve("a1.raw"), memory.array());
    }

    private Cli inspect(String... more) {
        String[] base = {
            "inspect", "--arch", "aarch64", "--root", "0x80000000", "--base", "0x80000000"
        };
        String[] all = new String[base.length + more.length + 1];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        all[all.length - 1] = image.toString();
        return Cli.run(all);
    }

    @Test
    void theGuestsMairNamesTheMemoryType() {
        Cli fixed = inspect();
        assertEquals(0, fixed.status(), fixed.err());
        assertEquals(1, fixed.outLines().length, fixed.out());
        assertTrue(fixed.out().contains(" device "), fixed.out());
        Cli linux = inspect("--mair", "0x000000040044FFFF");
        assertEquals(0, linux.status(), linux.err());
        assertTrue(linux.out().contains(" write_back "), linux.out());
        assertEquals(
                fixed.out().replace(" device ", " write_back "),
                linux.out(),
                "only the memory type changes");
        Cli withTcr = inspect("--mair", "0x000000040044FFFF", "--tcr", "0x0000000580100010");
        assertEquals(linux.out(), withTcr.out(), withTcr.err());
    }

    @Test
    void anUnpredictableAttributeOrAnArchitectureWithoutOneIsAUserError() {
        Cli bad = inspect("--mair", "0x10");
        assertEquals(2, bad.status());
        assertEquals("", bad.out());
        assertTrue(
                bad.err()
                        .startsWith(
                                "pagoda: --mair 0x10: MAIR_EL1 0x10 Attr0 = 0x10 is UNPREDICTABLE"),
                bad.err());
        Cli x86 =
                Cli.run(
                        "inspect",
                        "--arch",
                        "i386-pae",
                        "--root",
                        "0x0",
                        "--mair",
                        "0x0007040600070406",
                        image.toString());
        assertEquals(2, x86.status());
        assertEquals(
                "pagoda: --mair 0x7_0406_0007_0406: i386-pae takes no memory-attribute register;"
                        + " omit --mair\n",
                x86.err());
    }

    /**
     * The same memory as an AArch64 core (e_machine 183) whose PAGODA note, as Pagoda's exporter
     * writes it, names the tables, the TCR and Linux's MAIR: inspect with no option reads the
     * memory type from the note's MAIR, exactly as {@code --mair} does, and find-roots reads the
     * variant with that TCR and proposes that MAIR (the tiny image ranks nothing by itself, so
     * find-roots is told the variant).
     */
    @Test
    void aCoresPagodaNoteGivesItsMairToInspectAndFindRoots() throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        Path core =
                new CoreWriter(183)
                        .pagoda(
                                "arch=aarch64\nroot=0x80000000\ntcr=0x580100010\nmair=0x40044ffff\n")
                        .load(0x8000_0000L, bytes)
                        .write(dir.resolve("a1.elf"));
        Cli fromNote = Cli.run("inspect", core.toString());
        assertEquals(0, fromNote.status(), fromNote.err());
        assertEquals(
                inspect("--mair", "0x000000040044FFFF").out(),
                fromNote.out(),
                "the note's MAIR, as --mair gives it");
        assertTrue(fromNote.out().contains(" write_back "), fromNote.out());
        Cli overridden = Cli.run("inspect", "--mair", "0x0", core.toString());
        assertTrue(
                overridden.out().contains(" device "),
                "--mair wins over the note (Attr1 = 0x00: Device-nGnRnE): " + overridden.out());

        Cli roots = Cli.run("find-roots", "--arch", "aarch64", core.toString());
        assertEquals(0, roots.status(), roots.err());
        assertEquals(
                "pagoda: aarch64 read with the core's PAGODA note's tcr=0x5_8010_0010, mair=0x4_0044_FFFF\n",
                roots.err());
        String proposal = roots.outLines()[roots.outLines().length - 1];
        assertTrue(
                proposal.startsWith("proposal: --arch aarch64")
                        && proposal.contains(" --tcr 0x5_8010_0010 --mair 0x4_0044_FFFF"),
                proposal);
    }

    /**
     * A core whose PAGODA note gives a TCR to a variant that takes none: the refusal names the
     * core's register, not an option the user never gave.
     */
    @Test
    void aNotesRegisterTheVariantDoesNotTakeIsRefusedAsTheCores() throws IOException {
        Path core =
                new CoreWriter(62)
                        .pagoda("arch=x86_64\nroot=0x80000000\ntcr=0x10\n")
                        .load(0x8000_0000L, Files.readAllBytes(image))
                        .write(dir.resolve("x86.elf"));
        Cli refused = Cli.run("inspect", core.toString());
        assertEquals(2, refused.status(), refused.err());
        assertEquals("", refused.out());
        assertTrue(
                refused.err()
                        .endsWith(
                                "pagoda: the core's tcr 0x10: x86_64 takes no translation-control"
                                        + " register; the core's notes do not fit x86_64\n"),
                refused.err());
    }
}
