package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TCR_EL1.HPD0/HPD1, A1 and EPD0/EPD1 honoured as the Arm ARM says (D8, stage 1 EL1&amp;0): HPDn =
 * 1 makes the hardware ignore APTable, UXNTable and PXNTable in that half's table descriptors; A1 =
 * 1 takes the ASID from TTBR1_EL1; EPDn = 1 makes every walk of that half a translation fault at
 * the first level, without a walk.
 */
class TcrSwitchesTest {
    /** T0SZ = T1SZ = 16, 4K granules, IPS 5 (48-bit): the default variant's TCR_EL1. */
    private static final long BASE = 16 | (0b00L << 14) | (16L << 16) | (0b10L << 30) | (5L << 32);

    private static final long EPD0 = 1L << 7;
    private static final long A1 = 1L << 22;
    private static final long EPD1 = 1L << 23;
    private static final long HPD0 = 1L << 41;
    private static final long HPD1 = 1L << 42;

    private static Architecture with(long bits) {
        return Variants.withTcr(Variants.get("aarch64"), BASE | bits);
    }

    @Test
    void hpd0IgnoresApTableOfTheLowerHalf() {
        // A3: the L0 table descriptor has APTable[0] (no EL0 below); its 1 GiB block is AP=11 (RO
        // at EL0 and EL1), no XN.
        // With HPD0 EL0 reads and executes it. (EL1 would execute it too; the model's one rights
        // set never lets EL1
        // execute a page EL0 may access, DescriptorFormat.kernelExecutesUserPages, so it reads r--
        // for EL1.)
        HardwareVector a3 = ReferenceVectors.A3;
        HardwareVector ignored =
                HardwareVector.translates(
                                "A3 with HPD0",
                                0,
                                a3.registerValue(),
                                a3.entries(),
                                8,
                                a3.virtualAddress(),
                                a3.physicalAddress())
                        .meaning(0x40000000, 1, "r-x", "r--", MemoryType.DEVICE, false);
        HardwareVectorCheck.assertAgrees(
                Variants.get("aarch64"), a3, "APTable[0] applies without HPD0");
        Architecture hpd0 = with(HPD0);
        assertEquals("aarch64-4k-48-hpd0", hpd0.name());
        HardwareVectorCheck.assertAgrees(hpd0, ignored);
        HardwareVectorCheck.assertAgrees(with(HPD1), a3, "HPD1 leaves TTBR0's half alone");
    }

    @Test
    void hpdIgnoresPxnTableUxnTableAndApTable1() {
        // A1's walk with L0 = table | PXNTable | UXNTable | APTable = 11 (bits 59..62) and an L3
        // page
        // 0x87654703: AP=00 (EL1 RW), SH=11, AF, AttrIndx 0 (WB), global, no XN.
        Map<Long, Long> entries =
                Map.of(
                        0x80000000L, 0x7800000080001003L,
                        0x80001240L, 0x0000000080002003L,
                        0x80002D10L, 0x0000000080003003L,
                        0x80003B38L, 0x0000000087654703L);
        HardwareVector restricted =
                HardwareVector.translates(
                                "restricted",
                                0,
                                0x80000000L,
                                entries,
                                8,
                                0x0000001234567ABCL,
                                0x87654ABCL)
                        .meaning(0x1000, 3, "---", "r--", MemoryType.WRITE_BACK, true);
        HardwareVector free =
                HardwareVector.translates(
                                "HPD0",
                                0,
                                0x80000000L,
                                entries,
                                8,
                                0x0000001234567ABCL,
                                0x87654ABCL)
                        .meaning(0x1000, 3, "---", "rwx", MemoryType.WRITE_BACK, true);
        HardwareVectorCheck.assertAgrees(Variants.get("aarch64"), restricted);
        HardwareVectorCheck.assertAgrees(with(HPD0), free);
        // TTBR1's half: A2's path with the same table bits on its L0 descriptor; the 2 MiB block is
        // AP=10 (EL1 RO)
        Map<Long, Long> upper =
                Map.of(
                        0x90000000L, 0x7800000090001003L,
                        0x90001008L, 0x0000000090002003L,
                        0x90002018L, 0x0000000080200701L);
        HardwareVector upperFree =
                HardwareVector.translates(
                                "HPD1", 1, 0x90000000L, upper, 8, 0xFFFF000040601234L, 0x80201234L)
                        .meaning(0x200000, 2, "---", "rwx", MemoryType.WRITE_BACK, true);
        HardwareVector upperRestricted =
                HardwareVector.translates(
                                "no HPD1",
                                1,
                                0x90000000L,
                                upper,
                                8,
                                0xFFFF000040601234L,
                                0x80201234L)
                        .meaning(0x200000, 2, "---", "r--", MemoryType.WRITE_BACK, true);
        HardwareVectorCheck.assertAgrees(with(HPD1), upperFree);
        HardwareVectorCheck.assertAgrees(with(HPD0), upperRestricted);
    }

    @Test
    void epdMakesEveryWalkOfItsHalfATranslationFaultAtTheFirstLevel() {
        HardwareVector a1 = ReferenceVectors.A1;
        HardwareVector a2 = ReferenceVectors.A2;
        Architecture epd0 = with(EPD0);
        assertEquals("aarch64-4k-48-epd0", epd0.name());
        HardwareVectorCheck.assertAgrees(
                epd0,
                HardwareVector.faults(
                        "A1 with EPD0",
                        0,
                        a1.registerValue(),
                        a1.entries(),
                        8,
                        a1.virtualAddress(),
                        FaultType.NOT_PRESENT,
                        0));
        HardwareVectorCheck.assertAgrees(epd0, plain(a2), "TTBR1's half still walks");
        Architecture epd1 = with(EPD1);
        HardwareVectorCheck.assertAgrees(
                epd1,
                HardwareVector.faults(
                        "A2 with EPD1",
                        1,
                        a2.registerValue(),
                        a2.entries(),
                        8,
                        a2.virtualAddress(),
                        FaultType.NOT_PRESENT,
                        0));
        HardwareVectorCheck.assertAgrees(epd1, plain(a1));

        SparseMemory memory = new SparseMemory(48);
        a1.entries().forEach(memory::writeLong);
        WalkResult walk =
                new PageWalker(epd0, memory)
                        .walk(a1.virtualAddress(), a1.registerValue(), 0x90000000L);
        assertEquals(FaultType.NOT_PRESENT, walk.fault());
        assertEquals(0, walk.level());
        assertTrue(walk.detail().contains("EPD"), walk.detail());
    }

    private static HardwareVector plain(HardwareVector v) {
        return HardwareVector.translates(
                v.id(),
                v.rootIndex(),
                v.registerValue(),
                v.entries(),
                8,
                v.virtualAddress(),
                v.physicalAddress());
    }

    @Test
    void a1TakesTheAsidFromTtbr1() {
        long ttbr0 = (5L << 48) | 0x80000000L;
        long ttbr1 = (7L << 48) | 0x90000000L;
        for (boolean a1 : new boolean[] {false, true}) {
            Architecture arch = with(a1 ? A1 : 0);
            assertEquals(a1 ? 1 : 0, arch.tagRootIndex());
            SimulatedCpu cpu =
                    new SimulatedCpu(arch, new SparseMemory(48), new SimulatedTlb(), true);
            cpu.loadRoot(0, ttbr0);
            cpu.loadRoot(1, ttbr1);
            assertEquals(a1 ? 7 : 5, cpu.currentTag(), "A1 = " + a1);
        }
        assertEquals("aarch64-4k-48-a1", with(A1).name());
    }

    @Test
    void theSwitchesRoundTripThroughTheRegister() {
        long all = BASE | EPD0 | A1 | EPD1 | HPD0 | HPD1;
        Aarch64Architecture arch = (Aarch64Architecture) with(EPD0 | A1 | EPD1 | HPD0 | HPD1);
        assertEquals(all, TranslationControl.encode(arch.setup()));
        assertEquals(arch.setup(), TranslationControl.decode(all));
        assertEquals("aarch64-4k-48-hpd0-hpd1-epd0-epd1-a1", arch.name());
    }
}
