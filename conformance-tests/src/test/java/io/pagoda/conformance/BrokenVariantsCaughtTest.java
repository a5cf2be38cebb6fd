package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import io.pagoda.conformance.testarch.Defect;
import io.pagoda.conformance.testarch.KitToys;
import io.pagoda.conformance.testarch.RenamedArchitecture;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.Architecture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit tests itself: deliberately broken variants, each run through the Launcher like an
 * author's class, must be caught by the areas where the bug lives, and only there where the areas
 * are independent.
 */
class BrokenVariantsCaughtTest {
    private static String savedOperations;
    private static String savedShrink;

    @BeforeAll
    static void shortRandomRuns() {
        // the broken variants need no long run to be caught, and a failure's shrinking is bounded
        savedOperations = System.setProperty(ModelRandomContract.OPERATIONS_PROPERTY, "5000");
        savedShrink = System.setProperty(ModelRandomContract.SHRINK_MILLIS_PROPERTY, "2000");
    }

    @AfterAll
    static void restore() {
        restore(ModelRandomContract.OPERATIONS_PROPERTY, savedOperations);
        restore(ModelRandomContract.SHRINK_MILLIS_PROPERTY, savedShrink);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** An author class for an unregistered variant: the kit assembles it like any other. */
    @org.junit.jupiter.api.extension.ExtendWith(OnlyUnderRunner.class)
    abstract static class BrokenConformance implements ArchitectureConformance {
        abstract Defect defect();

        @Override
        public String architectureName() {
            return architecture().name();
        }

        @Override
        public Architecture architecture() {
            return KitToys.toy39(defect());
        }
    }

    static final class WrongBit extends BrokenConformance {
        @Override
        Defect defect() {
            return Defect.WRONG_BIT;
        }
    }

    static final class LostGuard extends BrokenConformance {
        @Override
        Defect defect() {
            return Defect.LOST_GUARD;
        }
    }

    static final class MissingFlush extends BrokenConformance {
        @Override
        Defect defect() {
            return Defect.MISSING_FLUSH;
        }
    }

    /**
     * A correct format wired to an allocator that never takes frames back: a failed operation is
     * not rolled back.
     */
    static final class NoRollback extends BrokenConformance {
        @Override
        Defect defect() {
            return Defect.NONE;
        }

        @Override
        public Architecture architecture() {
            return new RenamedArchitecture(KitToys.toy39(Defect.NONE), "kit-toy-39-no-rollback");
        }

        @Override
        public Module overrides() {
            return new AbstractModule() {
                @Provides
                FrameAllocator leaky(Architecture architecture) {
                    return new LeakyAllocator(
                            new BitmapFrameAllocator(
                                    PagingModule.FRAMES_BASE,
                                    4096,
                                    PagingModule.smallestPageSize(architecture)));
                }
            };
        }
    }

    private static ConformanceMatrix run(Class<?> author) {
        return new ConformanceRunner().testClasses(author).run();
    }

    @Test
    void aWrongBitIsCaughtByEncoding() {
        ConformanceMatrix matrix = run(WrongBit.class);
        List<String> failing = matrix.failingAreas("kit-toy-39-wrong-bit");
        assertTrue(
                failing.contains("encoding"),
                () -> "wrong bit not caught by encoding: " + matrix.toMarkdown());
    }

    @Test
    void aLostGuardIsCaughtByGuardEncodingAndTheModel() {
        ConformanceMatrix matrix = run(LostGuard.class);
        List<String> failing = matrix.failingAreas("kit-toy-39-lost-guard");
        assertTrue(
                failing.containsAll(List.of("encoding", "guard", "model-random")),
                () -> "lost guard caught only by " + failing);
        String modelFailure =
                matrix.cell("kit-toy-39-lost-guard", "model-random").failures().get(0);
        assertTrue(
                modelFailure.contains("seed:")
                        && modelFailure.contains("ModelReplay.replay(module(), \""),
                () ->
                        "a model failure must print its seed and a replayable sequence: "
                                + modelFailure);
    }

    @Test
    void aMissingFlushIsCaughtByTlbCoherence() {
        ConformanceMatrix matrix = run(MissingFlush.class);
        assertEquals(
                List.of("tlb-coherence"),
                matrix.failingAreas("kit-toy-39-missing-flush"),
                matrix::toMarkdown);
    }

    @Test
    void noRollbackIsCaughtByAtomicity() {
        ConformanceMatrix matrix = run(NoRollback.class);
        List<String> failing = matrix.failingAreas("kit-toy-39-no-rollback");
        assertTrue(
                failing.contains("atomicity"),
                () -> "no rollback not caught by atomicity: " + matrix.toMarkdown());
    }

    @Test
    void theCorrectVariantIsGreenThroughTheRunner() {
        ConformanceMatrix matrix = new ConformanceRunner().variants("kit-toy-unequal").run();
        assertEquals(List.of("kit-toy-unequal"), matrix.variants());
        assertTrue(matrix.allPassed(), matrix::toMarkdown);
        assertFalse(matrix.areas().isEmpty());
    }
}
