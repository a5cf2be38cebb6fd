package io.pagoda.arch.i386;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * The registers that switch a 32-bit x86 CPU to a set of tables (SDM Vol. 3A §2.5, §4.3, §4.4).
 * Legacy paging: CR3 with the page directory (PWT+PCD when walks are to be uncached), CR4 with PSE
 * (4 MiB pages) and PGE. PAE: CR3 with the PDPT (its bits 4:0 are ignored, so no cache bits), CR4
 * with PAE and PGE, EFER with NXE (bit 63 of an entry is XD). Both: IA32_PAT with the SDM's
 * power-on layout, which the leaves' memory types assume ({@link PatLayout#POWER_ON}), and CR0 with
 * PE, WP and PG. Neither has an address-space tag.
 */
final class I386RootRegisters {
    static final long CR4_PSE = 1L << 4;
    static final long CR4_PAE = 1L << 5;
    static final long CR4_PGE = 1L << 7;
    static final long EFER_NXE = 1L << 11;
    static final long CR0_PE_WP_PG = (1L << 31) | (1L << 16) | 1L;
    static final long CR3_PWT_PCD = (1L << 3) | (1L << 4);

    private I386RootRegisters() {}

    /**
     * @param variant the variant's name, for messages
     * @param pae PAE paging (else 32-bit paging)
     */
    static RootRegisters of(
            String variant,
            boolean pae,
            TranslationRoot root,
            long[] rootTables,
            RootSettings settings) {
        if (rootTables.length != 1) {
            throw new IllegalArgumentException(
                    variant
                            + " has one root register (CR3) but "
                            + rootTables.length
                            + " root tables were given");
        }
        if (settings.tag() != 0) {
            throw new IllegalArgumentException(
                    variant + " has no PCID (CR4.PCIDE needs IA-32e mode); use tag 0");
        }
        if (settings.commonNotPrivate()) {
            throw new IllegalArgumentException(
                    "CR3 has no common-not-private bit (that is AArch64's TTBRn.CnP); leave it clear");
        }
        if (pae && settings.uncachedWalks()) {
            throw new IllegalArgumentException(
                    "PAE's CR3 ignores bits 4:0, so walks cannot be made uncached there; "
                            + "leave uncached walks off");
        }
        long cr3 =
                root.registerValue(rootTables[0], 0) | (settings.uncachedWalks() ? CR3_PWT_PCD : 0);
        List<RegisterValue> values = new ArrayList<>();
        values.add(
                new RegisterValue(
                        "CR3",
                        RegisterRole.ROOT,
                        cr3,
                        cr3Purpose(pae, rootTables[0], settings.uncachedWalks())));
        values.add(
                new RegisterValue(
                        "CR4",
                        RegisterRole.CONTROL,
                        (pae ? CR4_PAE : CR4_PSE) | CR4_PGE,
                        cr4Purpose(pae)));
        if (pae) {
            values.add(
                    new RegisterValue(
                            "EFER", RegisterRole.CONTROL, EFER_NXE, "NXE (MSR 0xC0000080)"));
        }
        values.add(
                new RegisterValue(
                        "IA32_PAT",
                        RegisterRole.CONTROL,
                        PatLayout.POWER_ON.msr(),
                        "memory type of each PAT index the leaves select (MSR 0x277)"));
        values.add(new RegisterValue("CR0", RegisterRole.CONTROL, CR0_PE_WP_PG, "PE, WP, PG"));
        return new RootRegisters(values);
    }

    /** The words next to CR3 in listings: what it loads. */
    private static String cr3Purpose(boolean pae, long table, boolean uncachedWalks) {
        return (pae ? "PDPT " : "page directory ")
                + Hex.of(table)
                + (uncachedWalks ? ", PWT+PCD (uncached walks)" : "");
    }

    /** The words next to CR4 in listings: the bits it sets. */
    private static String cr4Purpose(boolean pae) {
        return pae ? "PAE, PGE" : "PSE, PGE";
    }
}
