package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hardware-formats.md §4 vectors, run through the generic walker on the variant each belongs to.
 */
class ReferenceVectorTest {

    @ParameterizedTest
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void everyVectorOfEveryVariantWalksAsTheReferenceSays(String name) {
        Aarch64Architecture arch = Variants.get(name);
        assertFalse(arch.hardwareVectors().isEmpty());
        for (HardwareVector vector : arch.hardwareVectors()) {
            HardwareVectorCheck.assertAgrees(arch, vector, name + " " + vector.id());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "aarch64, 'A1,A2,A3,L3 descriptor 01,4K block at L0,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-4k-39, 'A4,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-4k-42, '4K block at L0,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-16k-48, 'B1,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-16k-47, 'B2,16K block at L1,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-64k-48, '64K block at L1 without FEAT_LPA,C1,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-64k-42, 'C2,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-64k-48-lpa, 'C1,C3,64K block at L1 with FEAT_LPA,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-4k-52, 'D1,4K DS=1 512 GiB block at L0,4K DS=1 block at L-1,above the TTBR0 range,below the TTBR1 range'",
        "aarch64-16k-52, '16K DS=1 page,16K DS=1 64 GiB block at L1,above the TTBR0 range,below the TTBR1 range'",
    })
    void eachReferenceVectorIsOfferedByItsVariant(String name, String ids) {
        List<String> offered =
                Variants.get(name).hardwareVectors().stream()
                        .map(HardwareVector::id)
                        .filter(
                                id ->
                                        !id.startsWith(
                                                "aarch64 ")) // the meaning vectors every setup gets
                        // (MeaningVectors)
                        .collect(Collectors.toList());
        assertEquals(List.of(ids.split(",")), offered);
    }

    @ParameterizedTest
    @CsvSource({
        // vector, variant, rootIndex, expected PA (hex), level where the walk ends, leaf size
        "A1, aarch64, 0, 87654ABC, 3, 4096",
        "A2, aarch64, 1, 80201234, 2, 2097152",
        "A3, aarch64, 0, C000000ABC, 1, 1073741824",
        "A4, aarch64-4k-39, 0, BEEF0567, 2, 4096",
        "B1, aarch64-16k-48, 0, 12345C9AB, 3, 16384",
        "B2, aarch64-16k-47, 0, FE789ABC, 1, 33554432",
        "C1, aarch64-64k-48, 0, ABCD7654, 2, 65536",
        "C2, aarch64-64k-42, 0, 656789AB, 0, 536870912",
        "C3, aarch64-64k-48-lpa, 0, F000012342345, 2, 65536",
        "D1, aarch64-4k-52, 0, C000000005234, 4, 4096",
    })
    void positiveVectorsEndAtTheReferenceLevel(
            String id, String name, int rootIndex, String pa, int level, long size) {
        Aarch64Architecture arch = Variants.get(name);
        HardwareVector vector = find(arch, id);
        assertEquals(rootIndex, vector.rootIndex());
        assertEquals(OptionalInt.of(rootIndex), arch.rootIndexFor(vector.virtualAddress()));
        WalkResult result = walk(arch, vector);
        assertEquals(Long.parseLong(pa, 16), result.physicalAddress(), result.toString());
        assertEquals(level, result.level());
        assertEquals(size, result.size());
    }

    @ParameterizedTest
    @CsvSource({
        "4K block at L0, aarch64, NOT_PRESENT, 0",
        "L3 descriptor 01, aarch64, NOT_PRESENT, 3",
        "above the TTBR0 range, aarch64, NON_CANONICAL, -1",
        "16K block at L1, aarch64-16k-47, NOT_PRESENT, 0",
        "64K block at L1 without FEAT_LPA, aarch64-64k-48, NOT_PRESENT, 0",
    })
    void negativeVectorsFaultAtTheRightLevel(String id, String name, FaultType fault, int level) {
        Aarch64Architecture arch = Variants.get(name);
        HardwareVector vector = find(arch, id);
        assertEquals(fault, vector.fault());
        long[] registers = new long[2];
        registers[vector.rootIndex()] = vector.registerValue();
        WalkResult result =
                new PageWalker(arch, memory(arch, vector)).walk(vector.virtualAddress(), registers);
        assertEquals(fault, result.fault(), result.toString());
        assertEquals(level, result.level());
    }

    @org.junit.jupiter.api.Test
    void theReferenceNonCanonicalAddressIsOutsideBothRanges() {
        Aarch64Architecture arch = Variants.get("aarch64");
        assertEquals(OptionalInt.empty(), arch.rootIndexFor(0x0001000000000000L));
        assertEquals(OptionalInt.of(0), arch.rootIndexFor(0x0000FFFFFFFFFFFFL));
        assertEquals(OptionalInt.of(1), arch.rootIndexFor(0xFFFF000000000000L));
        assertEquals(OptionalInt.empty(), arch.rootIndexFor(0xFFFEFFFFFFFFFFFFL));
        HardwareVector vector = find(arch, "above the TTBR0 range");
        assertEquals(0x0001000000000000L, vector.virtualAddress());
        assertTrue(vector.entries().isEmpty());
    }

    static HardwareVector find(Aarch64Architecture arch, String id) {
        return arch.hardwareVectors().stream()
                .filter(v -> v.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(arch.name() + " lacks vector " + id));
    }

    static SparseMemory memory(Aarch64Architecture arch, HardwareVector vector) {
        SparseMemory memory = new SparseMemory(arch.physicalAddressBits());
        for (Map.Entry<Long, Long> e : vector.entries().entrySet()) {
            memory.writeLong(e.getKey(), e.getValue());
        }
        return memory;
    }

    static WalkResult walk(Aarch64Architecture arch, HardwareVector vector) {
        return new PageWalker(arch, memory(arch, vector))
                .walk(vector.rootIndex(), vector.registerValue(), vector.virtualAddress());
    }
}
