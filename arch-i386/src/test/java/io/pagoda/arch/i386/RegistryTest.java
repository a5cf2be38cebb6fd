package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The variants are found by name and alias through ServiceLoader. */
class RegistryTest {
    private final Architectures registry = Architectures.discover();

    @Test
    void findsEveryVariantByName() {
        assertEquals("i386", registry.get("i386").name());
        assertEquals("i386-widen-exec", registry.get("i386-widen-exec").name());
        assertEquals("i386-pae", registry.get("i386-pae").name());
        assertTrue(registry.get("i386") instanceof I386Architecture);
        assertTrue(registry.get("i386-pae") instanceof PaeArchitecture);
    }

    @Test
    void findsThemByAliasIgnoringCase() {
        assertSame(registry.get("i386"), registry.get("IA32"));
        assertSame(registry.get("i386-widen-exec"), registry.get("ia32-widen-exec"));
        assertSame(registry.get("i386-pae"), registry.get("PAE"));
        assertSame(registry.get("i386-pae"), registry.get("ia32-pae"));
    }

    @Test
    void variantsDescribeThemselves() {
        Architecture strict = registry.get("i386");
        assertEquals(36, strict.physicalAddressBits());
        assertEquals(52, registry.get("i386-pae").physicalAddressBits());
        assertTrue(strict.description().contains("refused"));
        assertTrue(registry.get("i386-widen-exec").description().contains("widened"));
        assertEquals(1, strict.roots().size());
        assertEquals("CR3", strict.roots().get(0).registerName());
        assertEquals(OptionalInt.of(0), strict.rootIndexFor(0xFFFF_FFFFL));
        assertEquals(OptionalInt.empty(), strict.rootIndexFor(0x1_0000_0000L));
    }
}
