package io.pagoda.arch.x86_64;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import java.util.List;

/**
 * The registers that switch an x86-64 CPU to a set of IA-32e tables (SDM Vol. 3A §2.5, §4.1, §4.5):
 * CR3 with the root (and the PCID when one is asked, else PWT/PCD), CR4 with PAE, PGE (global
 * leaves mean what they say), LA57 in 5-level mode and PCIDE with a PCID, EFER with LME and NXE
 * (bit 63 of an entry is XD, not reserved), IA32_PAT with the layout the leaves' memory types were
 * encoded for, and CR0 with PE, WP (supervisor writes honour R/W) and PG. Loaded in the order
 * given: CR4 and EFER before CR0.PG, CR3 before CR0.PG too.
 */
final class X86_64RootRegisters {
    static final long CR4_PAE = 1L << 5;
    static final long CR4_PGE = 1L << 7;
    static final long CR4_LA57 = 1L << 12;
    static final long CR4_PCIDE = 1L << 17;
    static final long EFER_LME = 1L << 8;
    static final long EFER_NXE = 1L << 11;
    static final long CR0_PE = 1L;
    static final long CR0_WP = 1L << 16;
    static final long CR0_PG = 1L << 31;
    static final long CR3_PWT = 1L << 3;
    static final long CR3_PCD = 1L << 4;

    private X86_64RootRegisters() {}

    static RootRegisters of(
            PagingMode mode, Cr3Root cr3, PatLayout pat, long[] rootTables, RootSettings settings) {
        if (rootTables.length != 1) {
            throw new IllegalArgumentException(
                    mode.architectureName()
                            + " has one root register (CR3) but "
                            + rootTables.length
                            + " root tables were given");
        }
        if (settings.commonNotPrivate()) {
            throw new IllegalArgumentException(
                    "CR3 has no common-not-private bit (that is AArch64's TTBRn.CnP); leave it clear");
        }
        int pcid = settings.tag();
        if (pcid != 0 && settings.uncachedWalks()) {
            throw new IllegalArgumentException(
                    "CR3 cannot hold PCID "
                            + pcid
                            + " and PWT/PCD at once: with CR4.PCIDE = 1 "
                            + "bits 11:0 are the PCID; drop the PCID or the uncached walks");
        }
        long value =
                cr3.registerValue(rootTables[0], pcid)
                        | (settings.uncachedWalks() ? CR3_PWT | CR3_PCD : 0);
        long cr4 =
                CR4_PAE
                        | CR4_PGE
                        | (mode == PagingMode.FIVE_LEVEL ? CR4_LA57 : 0)
                        | (pcid != 0 ? CR4_PCIDE : 0);
        return new RootRegisters(
                List.of(
                        new RegisterValue(
                                "CR3",
                                RegisterRole.ROOT,
                                value,
                                cr3Purpose(rootTables[0], pcid, settings.uncachedWalks())),
                        new RegisterValue("CR4", RegisterRole.CONTROL, cr4, cr4Purpose(mode, pcid)),
                        new RegisterValue(
                                "EFER",
                                RegisterRole.CONTROL,
                                EFER_LME | EFER_NXE,
                                "LME, NXE (MSR 0xC0000080)"),
                        new RegisterValue(
                                "IA32_PAT",
                                RegisterRole.CONTROL,
                                pat.msr(),
                                "memory type of each PAT index the leaves select (MSR 0x277)"),
                        new RegisterValue(
                                "CR0",
                                RegisterRole.CONTROL,
                                CR0_PG | CR0_WP | CR0_PE,
                                "PE, WP, PG")));
    }

    /** The words next to CR3 in listings: what it loads. */
    private static String cr3Purpose(long table, int pcid, boolean uncachedWalks) {
        return "root table "
                + Hex.of(table)
                + (pcid != 0
                        ? ", PCID " + pcid
                        : uncachedWalks ? ", PWT+PCD (uncached walks)" : ", write-back walks");
    }

    /** The words next to CR4 in listings: the bits it sets. */
    private static String cr4Purpose(PagingMode mode, int pcid) {
        return "PAE, PGE"
                + (mode == PagingMode.FIVE_LEVEL ? ", LA57" : "")
                + (pcid != 0 ? ", PCIDE" : "");
    }
}
