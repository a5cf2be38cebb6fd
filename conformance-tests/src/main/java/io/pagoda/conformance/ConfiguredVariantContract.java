package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * This variant under a second memory-attribute configuration ({@link
 * ModuleVectors.ConfiguredVariant}): the memory types of its leaves come from a register (x86's
 * IA32_PAT, AArch64's MAIR_EL1), and a variant proven only under its default value leaves the
 * register's decoding unchecked wherever the default repeats itself. For each configuration of this
 * variant its vectors walk as stated, each meaning can be written, every memory type accepted reads
 * back as itself at every leaf level, the boot registers carry the value, and at least one vector
 * reads otherwise under the default (the configuration is not a copy of it).
 */
@Tag("encoding")
@ConformanceArea("encoding")
public interface ConfiguredVariantContract extends ModuleVectorSubject {

    /** Each configuration of this variant reads and writes its memory types as its vectors say. */
    @Test
    @Requires(Capability.CONFIGURED_VARIANTS)
    default void everyConfiguredVariantReadsAndWritesAsItsVectorsSay() {
        Architecture base = architecture();
        List<ModuleVectors.ConfiguredVariant> configurations = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            configurations.addAll(source.configuredVariants());
        }
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors.ConfiguredVariant configured : configurations) {
            if (!configured.variant().equals(base.name())) {
                continue;
            }
            Architecture architecture = configured.architecture();
            String id = configured.id();
            boolean differs = false;
            for (HardwareVector vector : configured.vectors()) {
                for (String mismatch : HardwareVectorCheck.mismatches(architecture, vector)) {
                    wrong.add(id + ": " + mismatch);
                }
                differs |= !HardwareVectorCheck.mismatches(base, vector).isEmpty();
            }
            for (String unwritable : MeaningWrites.unwritable(architecture, configured.vectors())) {
                wrong.add(id + ": " + unwritable);
            }
            wrong.addAll(memoryTypesChanged(id, architecture));
            if (!differs) {
                wrong.add(
                        id
                                + ": every vector reads the same under "
                                + base.name()
                                + "'s default configuration; state one that tells the two apart");
            }
            long[] tables = new long[architecture.roots().size()];
            for (int r = 0; r < tables.length; r++) {
                tables[r] = 0x0020_0000L * (r + 1);
            }
            List<RegisterValue> registers =
                    architecture.rootRegisters(tables, RootSettings.DEFAULT).values();
            if (registers.stream()
                    .noneMatch(
                            r ->
                                    r.name().equalsIgnoreCase(configured.register())
                                            && r.value() == configured.value())) {
                wrong.add(
                        id
                                + ": the boot registers "
                                + registers
                                + " do not load "
                                + configured.register()
                                + " = "
                                + Hex.of(configured.value()));
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " disagreement(s) under configured memory attributes:\n  "
                                + String.join(
                                        "\n  ", wrong.subList(0, Math.min(12, wrong.size()))));
    }

    /**
     * Every memory type the configured variant accepts at a leaf level, for kernel code and data,
     * reads back as itself.
     */
    private static List<String> memoryTypesChanged(String id, Architecture architecture) {
        List<String> wrong = new ArrayList<>();
        MappingAccessRights rights = MappingAccessRights.parse("rwx-");
        for (TranslationRoot root : architecture.roots()) {
            EntryFormat format = root.format();
            Geometry geometry = root.geometry();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                long span = geometry.span(level);
                for (MemoryType type : MemoryType.values()) {
                    MappingFlags flags = new MappingFlags(rights, type, false);
                    long raw;
                    try {
                        raw = format.leafEntry(level, format.leafTemplate(level, flags), span);
                    } catch (RightsNotExpressibleException e) {
                        continue;
                    }
                    MemoryType read = format.leafFlags(level, raw).memoryType();
                    boolean declaredDevice =
                            type == MemoryType.DEVICE
                                    && read == MemoryType.UNCACHED
                                    && MeaningWrites.declaresReadBackPolicy(format);
                    if (read != type && !declaredDevice) {
                        wrong.add(
                                id
                                        + ": "
                                        + type
                                        + " at level "
                                        + level
                                        + " is written as "
                                        + Hex.of(raw)
                                        + ", which reads back "
                                        + read);
                    }
                }
            }
        }
        return wrong;
    }
}
