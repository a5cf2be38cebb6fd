package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Both variants are found through ServiceLoader by name and alias. */
class RegistryTest {

    @Test
    void discoversBothVariantsByNameAndAlias() {
        Architectures registry = Architectures.discover();
        for (String name : new String[] {"x86_64", "amd64", "x86-64", "AMD64", "x86_64-4level"}) {
            Architecture arch = registry.get(name);
            assertEquals("x86_64", arch.name(), name);
            assertEquals(48, arch.roots().get(0).canonicalForm().bits());
        }
        for (String name : new String[] {"x86_64-la57", "x86_64-5level", "la57"}) {
            Architecture arch = registry.get(name);
            assertEquals("x86_64-la57", arch.name(), name);
            assertEquals(57, arch.roots().get(0).canonicalForm().bits());
        }
    }

    @Test
    void theProviderIsRegisteredAsAService() {
        boolean found =
                ServiceLoader.load(ArchitectureProvider.class).stream()
                        .anyMatch(p -> p.type() == X86_64Provider.class);
        assertTrue(found);
    }

    @Test
    void variantsDescribeThemselves() {
        Architecture four = Architectures.discover().get("x86_64");
        assertInstanceOf(X86_64Architecture.class, four);
        assertEquals(52, four.physicalAddressBits());
        assertEquals(12, four.tagBits());
        assertEquals(1, four.roots().size());
        assertEquals("CR3", four.roots().get(0).registerName());
        assertEquals(4, four.roots().get(0).geometry().levelCount());
        assertEquals(
                5,
                Architectures.discover().get("x86_64-la57").roots().get(0).geometry().levelCount());
        assertTrue(four.description().contains("4-level"));
    }
}
