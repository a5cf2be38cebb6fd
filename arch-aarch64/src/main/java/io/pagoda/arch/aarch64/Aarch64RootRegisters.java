package io.pagoda.arch.aarch64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import java.util.List;

/**
 * The registers that switch an AArch64 PE to a set of EL1&amp;0 stage-1 tables (Arm ARM D19
 * register descriptions): TTBR0_EL1 with the ASID in [63:48] and CnP in [0], TTBR1_EL1 with the
 * same CnP (its ASID field is unused: TCR_EL1.A1 = 0 takes the ASID from TTBR0), TCR_EL1 with this
 * variant's T0SZ/TG0/T1SZ/TG1/IPS ({@link TranslationControl#encode}) plus AS = 1 (16-bit ASIDs, as
 * the model tags), TBIn for a top-byte-ignored half, and the walks' cacheability: IRGNn = ORGNn =
 * 01 (write-back, read/write-allocate) and SHn = 11 (inner shareable), or IRGNn = ORGNn = 00
 * (non-cacheable) when uncached walks are asked; then the variant's own MAIR_EL1 ({@link
 * MairLayout}, the default or the one it was configured with), which every AttrIndx it writes
 * assumes. EPDn = 0: both halves walk.
 */
final class Aarch64RootRegisters {
    static final long TCR_AS = 1L << 36;
    static final long TCR_TBI0 = 1L << 37;
    static final long TCR_TBI1 = 1L << 38;

    /** IRGN0 = 01 [9:8], ORGN0 = 01 [11:10]. */
    static final long TCR_WALK_WB_0 = (1L << 8) | (1L << 10);

    /** IRGN1 = 01 [25:24], ORGN1 = 01 [27:26]. */
    static final long TCR_WALK_WB_1 = (1L << 24) | (1L << 26);

    /** SH0 = 11 [13:12], SH1 = 11 [29:28]. */
    static final long TCR_INNER_SHAREABLE = (3L << 12) | (3L << 28);

    static final long TTBR_CNP = 1L;

    private Aarch64RootRegisters() {}

    static RootRegisters of(
            Aarch64Architecture architecture,
            boolean tbi0,
            boolean tbi1,
            long[] rootTables,
            RootSettings settings) {
        if (rootTables.length != 2) {
            throw new IllegalArgumentException(
                    architecture.name()
                            + " has two root registers (TTBR0_EL1, TTBR1_EL1) but "
                            + rootTables.length
                            + " root tables were given; give one per half");
        }
        long cnp = settings.commonNotPrivate() ? TTBR_CNP : 0;
        int asid = settings.tag();
        long ttbr0 = architecture.root(0).registerValue(rootTables[0], asid) | cnp;
        long ttbr1 = architecture.root(1).registerValue(rootTables[1], 0) | cnp;
        long tcr =
                TranslationControl.encode(architecture.setup())
                        | TCR_AS
                        | TCR_INNER_SHAREABLE
                        | (settings.uncachedWalks() ? 0 : TCR_WALK_WB_0 | TCR_WALK_WB_1)
                        | (tbi0 ? TCR_TBI0 : 0)
                        | (tbi1 ? TCR_TBI1 : 0);
        return new RootRegisters(
                List.of(
                        new RegisterValue(
                                "TTBR0_EL1",
                                RegisterRole.ROOT,
                                ttbr0,
                                describe("lower-half table", rootTables[0], asid, settings)),
                        new RegisterValue(
                                "TTBR1_EL1",
                                RegisterRole.ROOT_UPPER,
                                ttbr1,
                                describe("upper-half table", rootTables[1], -1, settings)),
                        new RegisterValue(
                                "TCR_EL1",
                                RegisterRole.TRANSLATION_CONTROL,
                                tcr,
                                describe(architecture, tbi0, tbi1, settings)),
                        new RegisterValue(
                                "MAIR_EL1",
                                RegisterRole.MEMORY_ATTRIBUTES,
                                architecture.memoryAttributeRegister(),
                                architecture.setup().mair().describe())));
    }

    /** The words beside a TTBR in listings: its table, ASID ({@code asid} >= 0) and CnP. */
    private static String describe(String half, long table, int asid, RootSettings settings) {
        return half
                + " "
                + Hex.of(table)
                + (asid >= 0 ? ", ASID " + asid : "")
                + (settings.commonNotPrivate() ? ", CnP" : "");
    }

    /** The words beside TCR_EL1 in listings: the fields it sets. */
    private static String describe(
            Aarch64Architecture architecture, boolean tbi0, boolean tbi1, RootSettings settings) {
        return "T0SZ/TG0/T1SZ/TG1/IPS of "
                + architecture.setup().name()
                + ", AS (16-bit ASID), "
                + (settings.uncachedWalks() ? "non-cacheable" : "write-back")
                + " inner-shareable walks"
                + (tbi0 ? ", TBI0" : "")
                + (tbi1 ? ", TBI1" : "");
    }
}
