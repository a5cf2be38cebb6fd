package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.aarch64.Aarch64Provider;
import io.pagoda.arch.x86_64.X86_64Architecture;
import io.pagoda.conformance.testarch.BrokenArchitecture;
import io.pagoda.conformance.testarch.BrokenFormat;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bugs a module copied from a bundled one could ship, each caught by the contract it breaks:
 * swapped permission bits, a dropped global bit and a wrong memory-type index (all consistent in
 * encoder and decoder, so only the hand-written vectors can tell), a leaf accepted where none can
 * be, a table entry narrowing rights wrongly, and a flusher that spares one address-space tag. Each
 * failure must name the vector, the meaning it expects and the meaning found.
 */
class BrokenMeaningsCaughtTest {
    private static final int US = 2;
    private static final int NX = 63;
    private static final int PWT = 3;
    private static final int PCD = 4;
    private static final int PXN = 53;
    private static final int UXN = 54;
    private static final long PS = 1L << 7;
    private static final long X86_US = 1L << US;
    private static final int SPARED_ASID = 42;

    /** An author class for a broken variant: the contracts the bugs live in. */
    @ExtendWith(OnlyUnderRunner.class)
    abstract static class Broken implements EncodingContract, TlbCoherenceContract {
        abstract Architecture broken();

        @Override
        public String architectureName() {
            return architecture().name();
        }

        @Override
        public Architecture architecture() {
            return broken();
        }
    }

    static Architecture aarch64() {
        return new Aarch64Provider()
                .architectures().stream()
                        .filter(a -> a.name().equals("aarch64"))
                        .findFirst()
                        .orElseThrow();
    }

    static final class UserAndExecuteDisableSwapped extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    X86_64Architecture.fourLevel(),
                    "x86_64-us-nx-swapped",
                    f -> BrokenFormat.swapping(f, US, NX));
        }
    }

    static final class UxnAndPxnSwapped extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    aarch64(), "aarch64-uxn-pxn-swapped", f -> BrokenFormat.swapping(f, UXN, PXN));
        }
    }

    static final class GlobalDropped extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    X86_64Architecture.fourLevel(),
                    "x86_64-global-dropped",
                    f ->
                            new BrokenFormat(f) {
                                @Override
                                public MappingFlags leafFlags(int level, long raw) {
                                    return super.leafFlags(level, raw).withGlobal(false);
                                }

                                @Override
                                public boolean isGlobal(int level, long raw) {
                                    return false;
                                }
                            });
        }
    }

    static final class WrongMemoryTypeIndex extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    X86_64Architecture.fourLevel(),
                    "x86_64-pwt-pcd-swapped",
                    f -> BrokenFormat.swapping(f, PWT, PCD));
        }
    }

    static final class LeafInThePml4 extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    X86_64Architecture.fourLevel(),
                    "x86_64-pml4-leaf",
                    f ->
                            new BrokenFormat(f) {
                                @Override
                                public EntryKind kind(int level, long raw) {
                                    EntryKind kind = super.kind(level, raw);
                                    return level == 0
                                                    && kind == EntryKind.RESERVED
                                                    && (raw & PS) != 0
                                            ? EntryKind.LEAF
                                            : kind;
                                }
                            });
        }
    }

    static final class SupervisorTableAlsoReadOnly extends Broken {
        @Override
        Architecture broken() {
            return BrokenArchitecture.withFormat(
                    X86_64Architecture.fourLevel(),
                    "x86_64-table-narrows",
                    f ->
                            new BrokenFormat(f) {
                                @Override
                                public int tableRightsLimit(int level, long raw) {
                                    int limit = super.tableRightsLimit(level, raw);
                                    return (raw & X86_US) == 0
                                            ? limit & ~MappingAccessRights.WRITABLE_BIT
                                            : limit;
                                }
                            });
        }
    }

    static final class FlusherSparesOneAsid extends Broken {
        @Override
        Architecture broken() {
            Architecture real = aarch64();
            TlbInstructions instructions = real.tlbInstructions();
            return BrokenArchitecture.withInstructions(
                    real,
                    "aarch64-spares-asid-42",
                    new TlbInstructions() {
                        @Override
                        public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
                            if (currentTag != SPARED_ASID) {
                                instructions.invalidatePage(tlb, va, currentTag);
                            }
                        }

                        @Override
                        public void invalidateContext(TlbMaintenance tlb, int currentTag) {
                            if (currentTag != SPARED_ASID) {
                                instructions.invalidateContext(tlb, currentTag);
                            }
                        }

                        @Override
                        public void invalidateEverything(TlbMaintenance tlb) {
                            instructions.invalidateEverything(tlb);
                        }

                        @Override
                        public void onRootLoad(TlbMaintenance tlb, int newTag, boolean tagged) {
                            instructions.onRootLoad(tlb, newTag, tagged);
                        }
                    });
        }
    }

    private static ConformanceMatrix run(Class<?> author) {
        return new ConformanceRunner().testClasses(author).run();
    }

    /**
     * Runs {@code author}, expects exactly {@code area} to fail, and returns its failure messages
     * joined.
     */
    private static String caughtOnlyBy(Class<?> author, String variant, String area) {
        ConformanceMatrix matrix = run(author);
        assertEquals(List.of(area), matrix.failingAreas(variant), matrix::toMarkdown);
        return String.join("\n", matrix.cell(variant, area).failures());
    }

    private static void namesVectorAndMeanings(String failures, String vectorPrefix) {
        assertTrue(
                failures.contains(vectorPrefix),
                () -> "the failure must name the vector (" + vectorPrefix + "): " + failures);
        assertTrue(
                failures.contains("to mean") && failures.contains("but the walk found"),
                () ->
                        "the failure must give the expected meaning and the meaning found: "
                                + failures);
    }

    @Test
    void swappedUserAndExecuteDisableBitsAreCaughtByTheVectors() {
        String failures =
                caughtOnlyBy(
                        UserAndExecuteDisableSwapped.class, "x86_64-us-nx-swapped", "encoding");
        namesVectorAndMeanings(failures, "x86_64 4-level");
        assertTrue(failures.contains("user rw-, kernel rw-"), failures);
    }

    @Test
    void swappedUxnAndPxnAreCaughtByTheVectors() {
        String failures =
                caughtOnlyBy(UxnAndPxnSwapped.class, "aarch64-uxn-pxn-swapped", "encoding");
        namesVectorAndMeanings(failures, "aarch64 EL1 r-x write-through page");
    }

    @Test
    void aDroppedGlobalBitIsCaught() {
        String failures = caughtOnlyBy(GlobalDropped.class, "x86_64-global-dropped", "encoding");
        namesVectorAndMeanings(failures, "x86_64 4-level #2");
        assertTrue(
                failures.contains(", global but the walk found") && failures.contains("not global"),
                failures);
    }

    @Test
    void aWrongMemoryTypeIndexIsCaught() {
        String failures =
                caughtOnlyBy(WrongMemoryTypeIndex.class, "x86_64-pwt-pcd-swapped", "encoding");
        namesVectorAndMeanings(failures, "x86_64 4-level PTE 1");
        assertTrue(failures.contains("write_through") && failures.contains("uncached"), failures);
    }

    @Test
    void aLeafWhereNoneCanBeIsCaught() {
        String failures = caughtOnlyBy(LeafInThePml4.class, "x86_64-pml4-leaf", "encoding");
        assertTrue(
                failures.contains(
                        "x86_64 4-level negative: PML4E 0x2083 (PS) reserved: expected a RESERVED_BIT fault"),
                failures);
    }

    @Test
    void aTableEntryNarrowingRightsWronglyIsCaught() {
        String failures =
                caughtOnlyBy(SupervisorTableAlsoReadOnly.class, "x86_64-table-narrows", "encoding");
        namesVectorAndMeanings(failures, "x86_64 4-level #2");
        assertTrue(failures.contains("kernel rwx") && failures.contains("kernel r-x"), failures);
    }

    @Test
    void aFlusherSparingOneAsidIsCaughtByTlbCoherence() {
        String failures =
                caughtOnlyBy(FlusherSparesOneAsid.class, "aarch64-spares-asid-42", "tlb-coherence");
        assertTrue(failures.contains("tag 42"), failures);
    }
}
