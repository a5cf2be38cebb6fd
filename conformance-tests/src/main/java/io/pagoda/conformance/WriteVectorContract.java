package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.ModuleVectors.WriteVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes as the module's {@link ModuleVectors#writeVectors()} state them: a leaf refused, widened
 * as the variant documents or written exactly, a frame or table the entries cannot hold refused.
 * The round trips of {@link EncodingContract} accept any refusal and a widening the format
 * declares, so a variant that should refuse (i386 without execute-disable) and writes the widened
 * leaf instead passes them; these vectors say which the variant does.
 */
@Tag("encoding")
@ConformanceArea("encoding")
public interface WriteVectorContract extends ModuleVectorSubject {

    /** Each write vector of this variant is refused or read back as it says. */
    @Test
    @Requires(Capability.WRITE_VECTORS)
    default void everyWriteVectorOfThisVariantIsRefusedOrReadBackAsItSays() {
        String name = architecture().name();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (WriteVector vector : source.writeVectors()) {
                if (vector.variant().equals(name)) {
                    String found = written(vector);
                    String expected = expected(vector);
                    if (!found.equals(expected)) {
                        wrong.add(vector.id() + ": expected " + expected + " but " + found);
                    }
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " write vector(s) written otherwise:\n  "
                                + String.join("\n  ", wrong));
    }

    private static String expected(WriteVector vector) {
        return vector.readBack() == null
                ? "refused"
                : "a leaf at "
                        + Hex.of(vector.physicalAddress())
                        + " reading back "
                        + vector.readBack();
    }

    /** What the format makes of the vector's write, in the words of {@link #expected}. */
    private String written(WriteVector vector) {
        EntryFormat format = architecture().roots().get(vector.rootIndex()).format();
        int level = vector.level();
        MappingFlags flags = vector.flags();
        long raw;
        try {
            raw =
                    flags == null
                            ? format.tableEntry(level, vector.physicalAddress())
                            : format.leafEntry(
                                    level,
                                    format.leafTemplate(level, flags),
                                    vector.physicalAddress());
        } catch (PagingException | IllegalArgumentException refused) {
            return refused.getMessage() == null || refused.getMessage().isBlank()
                    ? "refused without a reason"
                    : "refused";
        }
        EntryKind kind = format.kind(level, raw);
        if (flags == null) {
            return "written as " + kind + " " + Hex.of(raw);
        }
        if (kind != EntryKind.LEAF) {
            return "written as " + kind + " " + Hex.of(raw);
        }
        return "a leaf at "
                + Hex.of(format.leafAddress(level, raw))
                + " reading back "
                + format.leafFlags(level, raw);
    }
}
