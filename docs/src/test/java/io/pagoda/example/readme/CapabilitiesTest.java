package io.pagoda.example.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Capabilities;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link Capabilities} answers for bundled variants, the expected values taken from the
 * manuals (Intel SDM vol. 3 ch. 4, Arm ARM D8, the RISC-V privileged spec), not from the formats'
 * output.
 */
class CapabilitiesTest {
    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long GIB = MIB * KIB;
    private static final MappingAccessRights USER_RWX = MappingAccessRights.parse("rwxu");

    private static Capabilities of(String name) {
        return Architectures.discover().get(name).capabilities();
    }

    @Test
    void x86_64MapsPagesOfFourKibibytesTwoMebibytesAndOneGibibyteWithAnyRights() {
        Capabilities can = of("x86_64");
        assertEquals(4 * KIB, can.frameSize());
        assertEquals(List.of(4 * KIB, 2 * MIB, GIB), can.leafSizes());
        assertTrue(
                can.rights().contains(MappingAccessRights.USER_RW),
                "XD makes non-executable pages expressible");
        assertEquals(
                Optional.of(MappingAccessRights.USER_RW),
                can.leastCovering(MappingAccessRights.USER_RW));
        assertTrue(
                can.memoryTypes()
                        .containsAll(
                                Set.of(
                                        MemoryType.WRITE_BACK,
                                        MemoryType.WRITE_THROUGH,
                                        MemoryType.UNCACHED)),
                "PWT and PCD exist at every level: " + can.memoryTypes());
    }

    @Test
    void legacyI386HasNoExecuteDisableSoUserDataIsAlsoExecutable() {
        Capabilities can = of("i386");
        assertEquals(List.of(4 * KIB, 4 * MIB), can.leafSizes(), "4 KiB pages and 4 MiB PSE pages");
        assertFalse(
                can.rights().contains(MappingAccessRights.USER_RW), "32-bit paging has no XD bit");
        assertFalse(can.canExpress(MappingFlags.of(MappingAccessRights.USER_RW)));
        assertTrue(can.canExpress(MappingFlags.of(USER_RWX)));
        assertEquals(Optional.of(USER_RWX), can.leastCovering(MappingAccessRights.USER_RW));
    }

    @Test
    void anAarch64SixteenKibibyteGranuleMapsSixteenKibibytePagesAndThirtyTwoMebibyteBlocks() {
        Capabilities can = of("aarch64-16k-47");
        assertEquals(16 * KIB, can.frameSize());
        assertEquals(
                List.of(16 * KIB, 32 * MIB),
                can.leafSizes(),
                "level 1 blocks need 52-bit output addresses (LPA2)");
        assertTrue(can.canExpress(MappingFlags.of(MappingAccessRights.KERNEL_RW), 32 * MIB));
        assertFalse(
                can.canExpress(MappingFlags.of(MappingAccessRights.KERNEL_RW), 2 * MIB),
                "2 MiB is no leaf size here");
    }

    @Test
    void riscvLeavesCarryNoCachePolicyAndNoWriteOnlyRights() {
        Capabilities can = of("riscv-sv39");
        assertEquals(List.of(4 * KIB, 2 * MIB, GIB), can.leafSizes());
        assertEquals(
                Set.of(MemoryType.WRITE_BACK),
                can.memoryTypes(),
                "the platform's PMAs set the policy, not the PTE");
        assertFalse(
                can.canExpress(MappingFlags.of(MappingAccessRights.WRITABLE)),
                "W without R is reserved");
        assertEquals(
                Optional.of(MappingAccessRights.KERNEL_RW),
                can.leastCovering(MappingAccessRights.WRITABLE));
    }
}
