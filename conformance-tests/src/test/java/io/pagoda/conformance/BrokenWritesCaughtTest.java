package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.i386.ExecutePolicy;
import io.pagoda.arch.i386.I386Architecture;
import io.pagoda.arch.i386.I386ModuleVectors;
import io.pagoda.arch.i386.PaeArchitecture;
import io.pagoda.conformance.testarch.BrokenArchitecture;
import io.pagoda.conformance.testarch.BrokenFormat;
import io.pagoda.conformance.testarch.RenamedArchitecture;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.ModuleVectors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bugs only the write vectors and the root-table checks show, each caught in the encoding area: an
 * {@code i386} that widens a leaf without EXECUTABLE instead of refusing it (the round trips accept
 * the widening the format declares), a format that masks a frame it cannot hold into its field
 * instead of refusing it (the core checks the reach first, so no map shows it), and a PAE format
 * that reads a PDPTE with load-checked reserved bits as a table.
 */
class BrokenWritesCaughtTest {

    /** An author class proving one variant with the i386 module's vectors. */
    @ExtendWith(OnlyUnderRunner.class)
    abstract static class Broken implements WriteVectorContract, EntryEdgeContract {
        @Override
        public List<ModuleVectors> moduleVectors() {
            return List.of(new I386ModuleVectors());
        }
    }

    /** {@code i386} with the widening policy of {@code i386-widen-exec}. */
    static final class WidensInsteadOfRefusing extends Broken {
        @Override
        public String architectureName() {
            return "i386";
        }

        @Override
        public Architecture architecture() {
            return new RenamedArchitecture(
                    new I386Architecture(ExecutePolicy.WIDEN_TO_EXECUTABLE), "i386");
        }
    }

    /** {@code i386} whose PTE frame is masked to bits 31:12 rather than refused. */
    static final class FrameMaskedIntoTheField extends Broken {
        @Override
        public String architectureName() {
            return "i386";
        }

        @Override
        public Architecture architecture() {
            return BrokenArchitecture.withFormat(
                    new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE),
                    "i386",
                    f ->
                            new BrokenFormat(f) {
                                @Override
                                public long leafEntry(int level, long template, long pa) {
                                    return super.leafEntry(
                                            level, template, level == 1 ? pa & 0xFFFF_F000L : pa);
                                }
                            });
        }
    }

    /** {@code i386-pae} reading every present PDPTE as a table, reserved bits or not. */
    static final class ReservedPdpteReadAsTable extends Broken {
        @Override
        public String architectureName() {
            return "i386-pae";
        }

        @Override
        public Architecture architecture() {
            return BrokenArchitecture.withFormat(
                    new PaeArchitecture(),
                    "i386-pae",
                    f ->
                            new BrokenFormat(f) {
                                @Override
                                public EntryKind kind(int level, long raw) {
                                    return level == 0 && (raw & 1) != 0
                                            ? EntryKind.TABLE
                                            : super.kind(level, raw);
                                }
                            });
        }
    }

    private static String caughtInEncoding(Class<?> author, String variant) {
        ConformanceMatrix matrix = new ConformanceRunner().testClasses(author).run();
        assertEquals(List.of("encoding"), matrix.failingAreas(variant), matrix::toMarkdown);
        return String.join("\n", matrix.cell(variant, "encoding").failures());
    }

    @Test
    void wideningWhereTheVariantRefusesIsCaught() {
        String failures = caughtInEncoding(WidensInsteadOfRefusing.class, "i386");
        assertTrue(
                failures.contains(
                        "i386 write: rw- refused (no execute-disable bit): expected refused but a leaf at 0x200000"),
                failures);
    }

    @Test
    void aFrameMaskedInsteadOfRefusedIsCaught() {
        String failures = caughtInEncoding(FrameMaskedIntoTheField.class, "i386");
        assertTrue(
                failures.contains(
                        "i386 write: 4 KiB page at 4 GiB: expected refused but a leaf at 0x0"),
                failures);
    }

    @Test
    void aReservedPdpteReadAsATableIsCaught() {
        String failures = caughtInEncoding(ReservedPdpteReadAsTable.class, "i386-pae");
        assertTrue(
                failures.contains("faults the load")
                        && failures.contains("no entry of the root table at 0x345FE0"),
                failures);
    }
}
