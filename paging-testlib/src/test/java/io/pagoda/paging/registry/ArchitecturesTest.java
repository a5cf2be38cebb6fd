package io.pagoda.paging.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.DuplicateArchitectureException;
import io.pagoda.paging.error.UnknownArchitectureException;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
    private static final ArchitectureProvider TOYS =
            () -> List.of(ToyArchitecture.unequal(), ToyArchitecture.uniform());

    @Test
    void discoveryRunsOncePerClassLoader() {
        // ServiceLoader constructs every provider again at each load: the cache is what keeps one
        // set of variants
        assertSame(Architectures.discover(), Architectures.discover());
    }

    @Test
    void findsByNameCaseInsensitively() {
        Architectures registry = Architectures.of(TOYS);
        assertEquals("toy-unequal", registry.get("TOY-Unequal").name());
        assertEquals(2, registry.all().size());
        assertTrue(registry.find("nothing").isEmpty());
    }

    @Test
    void findsByAlias() {
        Architecture uniform = ToyArchitecture.uniform();
        Architecture aliased =
                new DelegatingArchitecture(uniform, "toy-aliased", Set.of("toy-alias"));
        Architectures registry = Architectures.of(() -> List.of(aliased));
        assertSame(aliased, registry.get("toy-alias"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        UnknownArchitectureException e =
                assertThrows(
                        UnknownArchitectureException.class,
                        () -> Architectures.of(TOYS).get("vax"));
        assertTrue(e.getMessage().contains("'vax'"), e.getMessage());
        assertTrue(e.getMessage().contains("toy-unequal, toy-uniform"), e.getMessage());
    }

    @Test
    void noModulesAtAllSaysSo() {
        UnknownArchitectureException e =
                assertThrows(
                        UnknownArchitectureException.class, () -> Architectures.of().get("x86_64"));
        assertTrue(e.getMessage().contains("no architecture module"), e.getMessage());
    }

    @Test
    void twoProvidersClaimingOneNameIsAClearError() {
        DuplicateArchitectureException e =
                assertThrows(
                        DuplicateArchitectureException.class,
                        () -> Architectures.of(TOYS, () -> List.of(ToyArchitecture.unequal())));
        assertTrue(e.getMessage().contains("toy-unequal"), e.getMessage());
    }

    @Test
    void anAliasClashingWithAnotherNameIsAnError() {
        Architecture clash =
                new DelegatingArchitecture(
                        ToyArchitecture.uniform(), "other", Set.of("TOY-UNEQUAL"));
        assertThrows(
                DuplicateArchitectureException.class,
                () -> Architectures.of(TOYS, () -> List.of(clash)));
    }

    @Test
    void discoveryOnThisClassPathFindsNoRealArchitecture() {
        // paging-api knows no architecture: only modules on the class path add them
        assertTrue(Architectures.discover().all().isEmpty());
    }

    private record DelegatingArchitecture(Architecture delegate, String name, Set<String> aliases)
            implements Architecture {
        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public List<TranslationRoot> roots() {
            return delegate.roots();
        }

        @Override
        public int physicalAddressBits() {
            return delegate.physicalAddressBits();
        }

        @Override
        public AddressLayout layout() {
            return delegate.layout();
        }

        @Override
        public TlbInstructions tlbInstructions() {
            return delegate.tlbInstructions();
        }
    }
}
