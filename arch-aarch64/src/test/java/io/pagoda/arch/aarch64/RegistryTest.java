package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Discovery by name through ServiceLoader (META-INF/services on the class path). */
class RegistryTest {

    @ParameterizedTest
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void everyVariantIsFoundByName(String name) {
        Architecture arch = Architectures.discover().get(name);
        assertEquals(name, arch.name());
        assertEquals(16, arch.tagBits());
        assertEquals(2, arch.roots().size());
        assertEquals("TTBR0_EL1", arch.roots().get(0).registerName());
        assertEquals("TTBR1_EL1", arch.roots().get(1).registerName());
        assertTrue(arch.description().startsWith("AArch64"), arch.description());
    }

    @Test
    void theDefaultAnswersToItsLongName() {
        Architectures all = Architectures.discover();
        assertSame(all.get("aarch64"), all.get("aarch64-4k-48"));
        assertSame(all.get("aarch64"), all.get("AArch64-4K-48"));
        assertEquals(15, all.all().stream().filter(a -> a.name().startsWith("aarch64")).count());
    }

    @Test
    void theProviderIsRegisteredAsAService() {
        long found =
                ServiceLoader.load(ArchitectureProvider.class).stream()
                        .filter(p -> p.type() == Aarch64Provider.class)
                        .count();
        assertEquals(1, found);
    }
}
