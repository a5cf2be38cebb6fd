package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every §3 vector (and negative) that the architectures ship, walked by the shared PageWalker. */
class HardwareVectorsTest {

    static Stream<Arguments> vectors() {
        return Stream.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel())
                .flatMap(arch -> arch.hardwareVectors().stream().map(v -> Arguments.of(arch, v)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("vectors")
    void walkerAgreesWithTheReference(Architecture arch, HardwareVector vector) {
        HardwareVectorCheck.assertAgrees(arch, vector);
    }

    @Test
    void fourLevelShipsTheThreeVectorsAndTheNegatives() {
        List<HardwareVector> vectors = X86_64Architecture.fourLevel().hardwareVectors();
        Map<Long, Long> translations =
                vectors.stream()
                        .filter(v -> !v.expectsFault() && v.id().contains("#"))
                        .collect(
                                Collectors.toMap(
                                        HardwareVector::virtualAddress,
                                        HardwareVector::physicalAddress));
        assertEquals(
                Map.of(
                        0x00007F123456789AL,
                        0x12_3456_789AL,
                        0xFFFF800012345678L,
                        0x3_FFF4_5678L,
                        0xFFFFFFFFC0001234L,
                        0xFF_C000_1234L),
                translations);
        assertTrue(
                vectors.stream()
                        .anyMatch(
                                v ->
                                        v.virtualAddress() == 0x0000800000000000L
                                                && v.fault() == FaultType.NON_CANONICAL));
        assertTrue(
                vectors.stream()
                        .anyMatch(
                                v ->
                                        v.virtualAddress() == 0xFFFF7FFFFFFFFFFFL
                                                && v.fault() == FaultType.NON_CANONICAL));
        assertTrue(
                vectors.stream()
                        .anyMatch(
                                v ->
                                        v.entries().containsValue(0x2083L)
                                                && v.fault() == FaultType.RESERVED_BIT));
        assertTrue(
                vectors.stream()
                        .anyMatch(
                                v ->
                                        v.entries().containsValue(0x40002083L)
                                                && v.fault() == FaultType.RESERVED_BIT));
        vectors.forEach(v -> assertEquals(0x01000000L, v.registerValue()));
    }

    @Test
    void fiveLevelShipsTheThreeVectors() {
        Map<Long, Long> translations =
                X86_64Architecture.fiveLevel().hardwareVectors().stream()
                        .filter(v -> !v.expectsFault() && v.id().contains("#"))
                        .collect(
                                Collectors.toMap(
                                        HardwareVector::virtualAddress,
                                        HardwareVector::physicalAddress));
        assertEquals(
                Map.of(
                        0x0000800000000000L,
                        0x00AB_C000L,
                        0xFF5ABCDEF0123456L,
                        0x7_6543_2456L,
                        0x00FFFFFFFFE01234L,
                        0x7FE0_1234L),
                translations);
    }

    /** The walk ends at the level, size and effective rights the reference's entries imply. */
    @Test
    void walksReportLevelSizeAndEffectiveRights() {
        assertWalk(X86_64Architecture.fourLevel(), 0, 3, 4096, "rw-u", false);
        // kernel table entries (US clear) and a 2 MiB leaf without XD
        assertWalk(X86_64Architecture.fourLevel(), 1, 2, 2L << 20, "rwx-", true);
        assertWalk(X86_64Architecture.fourLevel(), 2, 1, 1L << 30, "rw--", true);
        assertWalk(X86_64Architecture.fiveLevel(), 0, 4, 4096, "rwxu", false);
        assertWalk(X86_64Architecture.fiveLevel(), 1, 4, 4096, "rw--", true);
        assertWalk(X86_64Architecture.fiveLevel(), 2, 3, 2L << 20, "rwxu", false);
    }

    @Test
    void reservedBitFaultsHappenAtTheFaultyEntrysLevel() {
        X86_64Architecture arch = X86_64Architecture.fourLevel();
        for (HardwareVector vector : arch.hardwareVectors()) {
            if (vector.fault() == FaultType.RESERVED_BIT) {
                WalkResult result = walk(arch, vector);
                assertEquals(vector.faultLevel(), result.level(), result.toString());
                assertTrue(result.detail().contains("reserved"), result.detail());
            }
        }
    }

    private static void assertWalk(
            X86_64Architecture arch,
            int vectorIndex,
            int level,
            long size,
            String rights,
            boolean global) {
        HardwareVector vector = arch.hardwareVectors().get(vectorIndex);
        WalkResult result = walk(arch, vector);
        assertEquals(vector.physicalAddress(), result.physicalAddress(), result.toString());
        assertEquals(level, result.level());
        assertEquals(size, result.size());
        assertEquals(MappingAccessRights.parse(rights), result.flags().rights(), result.toString());
        assertEquals(global, result.global());
    }

    private static WalkResult walk(X86_64Architecture arch, HardwareVector vector) {
        SparseMemory memory = new SparseMemory(52);
        vector.entries().forEach((pa, raw) -> memory.writeLong(pa, raw));
        return new PageWalker(arch, memory).walk(vector.virtualAddress(), vector.registerValue());
    }
}
