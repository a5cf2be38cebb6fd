package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * TCR_EL1.TBI1 (bit 38, §4 "top = 55 if TBIx=1"): the top byte of a TTBR1 address is a tag. Vector
 * A2's tables translate the tagged address exactly as the untagged one, and without TBI the same
 * address faults.
 */
class TopByteIgnoreTest {
    private static final long A2_VA = 0xFFFF_0000_4060_1234L;
    private static final long TAGGED_A2_VA = 0x5AFF_0000_4060_1234L;

    private static SparseMemory a2Tables() {
        SparseMemory memory = new SparseMemory(48);
        memory.writeLong(0x90000000L, 0x0000000090001003L);
        memory.writeLong(0x90001008L, 0x0000000090002003L);
        memory.writeLong(0x90002018L, 0x0060000080200789L);
        return memory;
    }

    @Test
    void withTbi1ATaggedKernelAddressTranslatesLikeTheUntaggedOne() {
        Aarch64Architecture plain = (Aarch64Architecture) Variants.get("aarch64");
        Architecture tagged = Variants.withTcr(plain, plain.controlRegister() | (1L << 38));
        assertEquals(OptionalInt.of(1), tagged.rootIndexFor(TAGGED_A2_VA), "bit 55 selects TTBR1");
        var walker = new PageWalker(tagged, a2Tables());
        assertEquals(0x8020_1234L, walker.walk(A2_VA, 0, 0x90000000L).physicalAddress());
        var result = walker.walk(TAGGED_A2_VA, 0, 0x90000000L);
        assertNull(result.fault(), result.toString());
        assertEquals(0x8020_1234L, result.physicalAddress());
    }

    @Test
    void withoutTbiTheTagMakesTheAddressFault() {
        Aarch64Architecture plain = (Aarch64Architecture) Variants.get("aarch64");
        Architecture untagged = Variants.withTcr(plain, plain.controlRegister());
        assertEquals(
                FaultType.NON_CANONICAL,
                new PageWalker(untagged, a2Tables()).walk(TAGGED_A2_VA, 0, 0x90000000L).fault());
    }
}
