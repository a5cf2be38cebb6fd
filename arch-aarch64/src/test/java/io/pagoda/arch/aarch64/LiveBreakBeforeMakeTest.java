package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.cpu.LiveEntryWriter;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.error.BreakBeforeMakeException;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import org.junit.jupiter.api.Test;

/**
 * Break-before-make on live tables (§4): on the running tables of vector A1, replacing the valid
 * page descriptor by one with another output address is refused, and so is making the page valid
 * again while the TLB still holds the old translation; AP changes go in place; invalid, TLBI VAE1,
 * new is accepted.
 */
class LiveBreakBeforeMakeTest {
    private static final long VA = 0x0000_0012_3456_7ABCL;
    private static final long L3_ENTRY = 0x80003B38L;
    private static final long A1_PAGE =
            0x0020000087654F47L; // AttrIndx=1, AP=01, SH=11, AF, nG, PXN
    private static final long MOVED_PAGE =
            0x0020000087655F47L; // the same with output address 0x87655000
    private static final long READ_ONLY_PAGE =
            A1_PAGE | (1L << 7); // AP[2] set: a permission change only

    private static SimulatedCpu cpuOnA1() {
        Architecture aarch64 = Variants.get("aarch64");
        SparseMemory memory = new SparseMemory(48);
        memory.writeLong(0x80000000L, 0x0000000080001003L);
        memory.writeLong(0x80001240L, 0x0000000080002003L);
        memory.writeLong(0x80002D10L, 0x0000000080003003L);
        memory.writeLong(L3_ENTRY, A1_PAGE);
        memory.writeLong(0x87654ABCL, 0x1111);
        memory.writeLong(0x87655ABCL, 0x2222);
        SimulatedCpu cpu = new SimulatedCpu(aarch64, memory, new SimulatedTlb(16), true);
        cpu.loadRoot(0, 0x80000000L);
        assertEquals(0x1111, cpu.readLong(VA, true), "A1 translates through the simulated MMU");
        return cpu;
    }

    @Test
    void replacingALiveDescriptorByAnotherOutputAddressIsRefused() {
        SimulatedCpu cpu = cpuOnA1();
        BreakBeforeMakeException e =
                assertThrows(
                        BreakBeforeMakeException.class,
                        () -> new LiveEntryWriter(cpu).write(VA, 3, MOVED_PAGE));
        assertTrue(
                e.getMessage().contains("TLBI VAE1") || e.getMessage().contains("invalid"),
                e.getMessage());
        assertEquals(A1_PAGE, cpu.memory().readLong(L3_ENTRY), "nothing was written");
    }

    @Test
    void aPermissionChangeGoesInPlace() {
        SimulatedCpu cpu = cpuOnA1();
        new LiveEntryWriter(cpu).write(VA, 3, READ_ONLY_PAGE);
        assertEquals(READ_ONLY_PAGE, cpu.memory().readLong(L3_ENTRY));
    }

    @Test
    void makingItValidAgainWithoutInvalidatingTheTlbIsRefused() {
        SimulatedCpu cpu = cpuOnA1();
        LiveEntryWriter writer = new LiveEntryWriter(cpu);
        writer.write(VA, 3, 0);
        assertThrows(BreakBeforeMakeException.class, () -> writer.write(VA, 3, MOVED_PAGE));
        assertEquals(0, cpu.memory().readLong(L3_ENTRY));
    }

    @Test
    void breakInvalidateMakeIsAccepted() {
        SimulatedCpu cpu = cpuOnA1();
        LiveEntryWriter writer = new LiveEntryWriter(cpu);
        writer.write(VA, 3, 0);
        cpu.architecture().tlbInstructions().invalidatePage(cpu.tlb(), VA, cpu.currentTag());
        writer.write(VA, 3, MOVED_PAGE);
        assertEquals(0x2222, cpu.readLong(VA, true));
    }
}
