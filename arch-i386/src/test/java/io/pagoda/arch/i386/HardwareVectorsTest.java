package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every §1 and §2 vector of hardware-formats.md, and the negatives, walked by the hardware-like
 * walker.
 */
class HardwareVectorsTest {

    static Stream<Arguments> vectors() {
        List<Arguments> all = new ArrayList<>();
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            for (HardwareVector vector : architecture.hardwareVectors()) {
                all.add(Arguments.of(architecture.name(), architecture, vector));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("vectors")
    void walkerAgreesWithTheReference(
            String name, Architecture architecture, HardwareVector vector) {
        HardwareVectorCheck.assertAgrees(architecture, vector);
    }

    @Test
    void legacyVectorsAreThoseOfSection1() {
        List<HardwareVector> vectors = I386HardwareVectors.legacy();
        assertEquals(
                4,
                vectors.stream()
                        .filter(v -> v.id().contains("#") || v.id().contains("negative"))
                        .count());
        assertEquals(0x0ABC_DABCL, vectors.get(0).physicalAddress());
        assertEquals(0x12F6_5432L, vectors.get(1).physicalAddress());
        assertEquals(0x3_4040_1000L, vectors.get(2).physicalAddress());
        assertEquals(FaultType.RESERVED_BIT, vectors.get(3).fault());
        assertEquals(0x4042_0081L, vectors.get(3).entries().get(0x0010_000CL));
        for (HardwareVector vector : vectors) {
            assertEquals(4, vector.entrySize());
            assertEquals(0x0010_0000L, vector.registerValue());
        }
    }

    @Test
    void paeVectorsAreThoseOfSection2() {
        List<HardwareVector> vectors = I386HardwareVectors.pae();
        assertEquals(
                4,
                vectors.stream()
                        .filter(v -> v.id().contains("#") || v.id().contains("negative"))
                        .count());
        assertEquals(0xF_EDCB_A321L, vectors.get(0).physicalAddress());
        assertEquals(0x2_0071_2345L, vectors.get(1).physicalAddress());
        assertEquals(0x0009_FABCL, vectors.get(2).physicalAddress());
        assertEquals(FaultType.ROOT_LOAD, vectors.get(3).fault());
        assertEquals(0x1003L, vectors.get(3).entries().get(0x0034_5FE0L));
        for (HardwareVector vector : vectors) {
            assertEquals(8, vector.entrySize());
            assertEquals(0x0034_5FE0L, vector.registerValue());
        }
    }

    @Test
    void everyVariantShipsItsVectors() {
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            assertTrue(architecture.hardwareVectors().size() >= 4, architecture.name());
            assertTrue(
                    architecture.hardwareVectors().stream().anyMatch(HardwareVector::expectsFault),
                    architecture.name());
        }
    }
}
