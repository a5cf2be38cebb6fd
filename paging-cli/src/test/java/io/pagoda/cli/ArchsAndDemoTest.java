package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArchsAndDemoTest {
    @Test
    void archsListsEveryDiscoveredVariant() {
        Cli cli = Cli.run("archs");
        assertEquals(0, cli.status(), cli.err());
        String[] lines = cli.outLines();
        assertTrue(
                lines[0].matches(
                        "NAME +ALIASES +LEVELS +PAGE/BLOCK SIZES +VA BITS +PA BITS +MODULE +JAR"),
                lines[0]);
        // the toy classes are test classes: a directory without module-info, so no module
        assertTrue(
                cli.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "toy-cli +toy +3 \\(TOP>MID>LEAF\\) +4KiB,2MiB +ROOT:39 +40 +- +test-classes")),
                cli.out());
        assertTrue(
                cli.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "toy-split +- +3 \\(TOP>MID>LEAF\\) +4KiB,2MiB +LOWER:39,UPPER:39 +40 +- +test-classes")),
                cli.out());
    }

    /**
     * Issue 17 item 5: each row names the module its module-info.java declares (not the jar every
     * class came in).
     */
    @Test
    void archsNamesTheModuleThatDeclaresEachArchitecture() {
        Cli cli = Cli.run("archs");
        assertEquals(0, cli.status(), cli.err());
        // the names in arch-*/src/main/java/module-info.java; the jars as Maven names them (or the
        // class directory)
        assertRow(cli.out(), "x86_64", "io.pagoda.arch.x86_64", "arch-x86_64");
        assertRow(cli.out(), "x86_64-la57", "io.pagoda.arch.x86_64", "arch-x86_64");
        assertRow(cli.out(), "i386-pae", "io.pagoda.arch.i386", "arch-i386");
        assertRow(cli.out(), "aarch64-16k-47", "io.pagoda.arch.aarch64", "arch-aarch64");
    }

    private static void assertRow(String out, String variant, String module, String artifact) {
        String pattern =
                Pattern.quote(variant)
                        + " .* "
                        + Pattern.quote(module)
                        + " +("
                        + artifact
                        + "-[0-9][^ ]*\\.jar|classes)";
        assertTrue(
                out.lines().anyMatch(l -> l.matches(pattern)),
                variant + " " + module + ":\n" + out);
    }

    @Test
    void demoRunsTwoSpacesWithASharedKernelThroughTheMmu() {
        Cli cli = Cli.run("demo", "--arch", "toy-cli");
        assertEquals(0, cli.status(), cli.err());
        String out = cli.out();
        // data written through the simulated MMU is read back in each space, and the kernel is
        // shared
        assertTrue(out.contains("it reads \"hello from the second space\" at 0x200000"), out);
        assertTrue(out.contains("the first space reads \"hello from the first space\""), out);
        assertTrue(out.contains("sees the kernel code at 0xFFFF_FFC0_0000_2000 -> 0x2002000"), out);
        assertTrue(out.contains("first space's table tree:\nROOT = 0x"), out);
        // pages one block up, the huge guard one block further, the kernel block split around its
        // second page
        assertTrue(out.contains("0x200000..0x203FFF present"), out);
        assertTrue(out.contains("0x400000..0x5FFFFF guarded (2 MiB entries at level 1)"), out);
        assertTrue(
                out.contains(
                        "0xFFFF_FFC0_0000_0000..0xFFFF_FFC0_0000_0FFF present -> 0x2000000 r-x-"),
                out);
        assertTrue(
                out.contains(
                        "0xFFFF_FFC0_0000_2000..0xFFFF_FFC0_001F_FFFF present -> 0x2002000 r-x-"),
                out);
    }

    @Test
    void demoRunsEveryDiscoveredVariantByDefault() {
        Cli cli = Cli.run("demo");
        assertEquals(0, cli.status(), cli.err());
        assertTrue(
                cli.out().contains("== toy-cli:") && cli.out().contains("== toy-split:"),
                cli.out());
    }

    @Test
    void helpAndVersion() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("inspect") && help.out().contains("translate"), help.out());
        assertEquals(0, Cli.run("--version").status());
    }
}
