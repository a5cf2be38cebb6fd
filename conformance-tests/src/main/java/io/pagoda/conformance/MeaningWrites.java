package io.pagoda.conformance;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.HardwareVector;
import java.util.ArrayList;
import java.util.List;

/**
 * What a vector says a leaf means, the module can also write: shared by the hardware vectors'
 * contract and the configured variants' one.
 */
final class MeaningWrites {
    private MeaningWrites() {}

    /**
     * The vectors whose stated meaning the variant refuses, or writes as something that reads back
     * otherwise (or at another address).
     *
     * @param architecture the variant writing the meanings
     * @param vectors the vectors; those without a meaning are skipped
     * @return one line per vector that fails, empty when every meaning is written as itself
     */
    static List<String> unwritable(Architecture architecture, List<HardwareVector> vectors) {
        List<String> wrong = new ArrayList<>();
        for (HardwareVector vector : vectors) {
            HardwareVector.Meaning meaning = vector.meaning();
            if (meaning == null) {
                continue;
            }
            EntryFormat format = architecture.roots().get(vector.rootIndex()).format();
            int userBits = meaning.user().bits();
            MappingAccessRights rights =
                    userBits != 0
                            ? MappingAccessRights.ofBits(
                                    userBits | MappingAccessRights.USER_ACCESSIBLE_BIT)
                            : meaning.kernel();
            MappingFlags flags = new MappingFlags(rights, meaning.memoryType(), meaning.global());
            int level = meaning.level();
            try {
                long template = format.leafTemplate(level, flags);
                long pa = vector.physicalAddress() & -meaning.size();
                if (Long.compareUnsigned(
                                pa + (meaning.size() - 1), format.leafAddressLimit(level) - 1)
                        > 0) {
                    wrong.add(
                            vector.id()
                                    + ": the hardware maps "
                                    + Hex.of(pa)
                                    + " with a level-"
                                    + level
                                    + " leaf, but leafAddressLimit("
                                    + level
                                    + ") = "
                                    + Hex.of(format.leafAddressLimit(level))
                                    + " refuses it");
                    continue;
                }
                long raw = format.leafEntry(level, template, pa);
                MappingFlags expected =
                        declaresReadBackPolicy(format)
                                ? format.effectiveFlags(level, flags)
                                : flags;
                MappingFlags read =
                        format.kind(level, raw) == EntryKind.LEAF
                                ? format.leafFlags(level, raw)
                                : null;
                if (read == null
                        || !read.equals(expected)
                        || format.leafAddress(level, raw) != pa) {
                    wrong.add(
                            vector.id()
                                    + ": "
                                    + flags
                                    + " at level "
                                    + level
                                    + " is written as "
                                    + Hex.of(raw)
                                    + ", which reads back as "
                                    + (read == null
                                            ? format.kind(level, raw)
                                            : read
                                                    + " at "
                                                    + Hex.of(format.leafAddress(level, raw))));
                }
            } catch (PagingException e) {
                wrong.add(
                        vector.id()
                                + " means "
                                + meaning
                                + ", but "
                                + flags
                                + " at level "
                                + level
                                + " is refused: "
                                + e.getMessage());
            }
        }
        return wrong;
    }

    /**
     * Whether the format declares how accepted flags read back (overrides effectiveFlags), as
     * legacy i386 does.
     */
    static boolean declaresReadBackPolicy(EntryFormat format) {
        try {
            return format.getClass()
                            .getMethod("effectiveFlags", int.class, MappingFlags.class)
                            .getDeclaringClass()
                    != EntryFormat.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
