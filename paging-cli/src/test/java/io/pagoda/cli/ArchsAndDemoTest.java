package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArchsAndDemoTest {
    @Test
    void archsListsEveryDiscoveredVariant() {
        Cli cli = Cli.run("archs");
        assertEquals(0, cli.status(), cli.err());
        String[] lines = cli.outLines();
        assertTrue(lines[0].matches("NAME +ALIASES +LEVELS +PAGE/BLOCK SIZES +VA BITS +PA BITS +MODULE"), lines[0]);
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("toy-cli +toy +3 \\(TOP>MID>LEAF\\) +4KiB,2MiB +ROOT:39 +40 +\\S+")), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("toy-split +- +3 \\(TOP>MID>LEAF\\) +4KiB,2MiB +LOWER:39,UPPER:39 +40 +\\S+")), cli.out());
    }

    @Test
    void demoBuildsPagesABlockAHugeGuardAndSplitsTheBlock() {
        Cli cli = Cli.run("demo", "--arch", "toy-cli");
        assertEquals(0, cli.status(), cli.err());
        String out = cli.out();
        assertTrue(out.contains("table tree:\nROOT = 0x"), out);
        // the split block's page table lists 4 of its 511 pages and counts the rest
        assertTrue(out.contains("        ... and 507 more entries\n      0x0000000000600000  guard 0x200\n"), out);
        // pages at 0x200000 (one 2 MiB block up), the block at 0x400000 split around 0x401000, the guard at 0x600000
        assertTrue(out.contains("0x0000000000200000-0x0000000000204000  16KiB  rw-u"), out);
        assertTrue(out.contains("ROOT  0x0000000000400000-0x0000000000401000  4KiB  r-x-  write_back  -  0x0000000002000000  4KiB  L2"), out);
        assertTrue(out.contains("ROOT  0x0000000000402000-0x0000000000600000  2040KiB  r-x-  write_back  -  0x0000000002002000  4KiB  L2"), out);
        assertTrue(out.contains("ROOT  0x0000000000600000-0x0000000000800000  2MiB  guard  2MiB  L1"), out);
    }

    @Test
    void helpAndVersion() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("inspect") && help.out().contains("translate"), help.out());
        assertEquals(0, Cli.run("--version").status());
    }
}
