package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantConfiguration;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Registers in, by hand: every {@link ModuleVectors.ConfigurationVector} of this variant is put to
 * {@link Architectures#configure} as a reader of a core would (a translation-control register such
 * as TCR_EL1 worked out from the manual, a memory-attribute register such as MAIR_EL1). The variant
 * it gets must have the stated name, physical width, tag root and levels per root, its walks must
 * give what the vector says, and the control register it writes must configure it back; a reserved
 * or unmodelled value must be refused with a typed error. A variant configured with a
 * memory-attribute register loads it, and writes each memory type as the vector says. The round
 * trip of {@code controlRegistersItWritesDescribeThisVariant} only reaches the fields a registered
 * variant sets; these reach the others (mixed halves, other PA sizes, the ASID's root,
 * top-byte-ignore, disabled walks and hierarchical permissions, reserved encodings).
 */
@Tag("geometry")
@ConformanceArea("geometry")
public interface ConfigurationVectorContract extends ModuleVectorSubject {

    /** Each configuration vector of this variant selects, or is refused, as it says. */
    @Test
    @Requires(Capability.CONFIGURATION_VECTORS)
    default void everyConfigurationVectorOfThisVariantSelectsWhatItSays() {
        Architecture base = architecture();
        Architectures registry = detectingRegistry();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (ModuleVectors.ConfigurationVector vector : source.configurationVectors()) {
                if (vector.variant().equals(base.name())) {
                    wrong.addAll(disagreements(registry, base, vector));
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " configuration vector disagreement(s):\n  "
                                + String.join(
                                        "\n  ", wrong.subList(0, Math.min(12, wrong.size()))));
    }

    private static List<String> disagreements(
            Architectures registry, Architecture base, ModuleVectors.ConfigurationVector vector) {
        List<String> wrong = new ArrayList<>();
        String id = vector.id() + " (" + vector.configuration() + ")";
        Architecture configured;
        try {
            configured = registry.configure(base, vector.configuration());
        } catch (IllegalArgumentException | VariantConfigurationException e) {
            if (!vector.refused()) {
                wrong.add(id + ": expected " + vector.name() + " but it is refused: " + e);
            }
            return wrong;
        } catch (RuntimeException e) {
            wrong.add(
                    id
                            + ": expected "
                            + (vector.refused() ? "a typed refusal" : vector.name())
                            + " but configuring throws "
                            + e);
            return wrong;
        }
        if (vector.refused()) {
            wrong.add(id + ": expected a refusal but it selects " + configured.name());
            return wrong;
        }
        List<Integer> levels = new ArrayList<>();
        for (var root : configured.roots()) {
            levels.add(root.geometry().levelCount());
        }
        if (!configured.name().equals(vector.name())
                || configured.physicalAddressBits() != vector.physicalAddressBits()
                || configured.tagRootIndex() != vector.tagRootIndex()
                || !levels.equals(vector.levels())) {
            wrong.add(
                    id
                            + ": expected "
                            + vector.name()
                            + " ("
                            + vector.physicalAddressBits()
                            + "-bit PA, tag in root "
                            + vector.tagRootIndex()
                            + ", levels "
                            + vector.levels()
                            + ") but found "
                            + configured.name()
                            + " ("
                            + configured.physicalAddressBits()
                            + "-bit PA, tag in root "
                            + configured.tagRootIndex()
                            + ", levels "
                            + levels
                            + ")");
        }
        for (HardwareVector walk : vector.vectors()) {
            for (String mismatch : HardwareVectorCheck.mismatches(configured, walk)) {
                wrong.add(id + ": " + mismatch);
            }
        }
        wrong.addAll(writtenBack(registry, base, configured, id));
        wrong.addAll(attributesLoaded(configured, vector, id));
        wrong.addAll(memoryTypesWritten(configured, vector, id));
        return wrong;
    }

    /** Root tables at 2 MiB, 4 MiB, …: aligned for every format. */
    private static long[] someTables(Architecture configured) {
        long[] tables = new long[configured.roots().size()];
        for (int r = 0; r < tables.length; r++) {
            tables[r] = 0x0020_0000L * (r + 1);
        }
        return tables;
    }

    /**
     * A variant configured with a memory-attribute register loads that register, not the one it
     * writes by default: every memory-type index it writes is read through the register the core
     * holds.
     */
    private static List<String> attributesLoaded(
            Architecture configured, ModuleVectors.ConfigurationVector vector, String id) {
        if (vector.configuration().memoryAttributes().isEmpty()) {
            return List.of();
        }
        long given = vector.configuration().memoryAttributes().getAsLong();
        Optional<RegisterValue> loaded =
                configured
                        .rootRegisters(someTables(configured), RootSettings.DEFAULT)
                        .withRole(RegisterRole.MEMORY_ATTRIBUTES);
        if (loaded.isEmpty() || loaded.get().value() == given) {
            return List.of();
        }
        return List.of(
                id
                        + ": configured with "
                        + Hex.of(given)
                        + " but loads "
                        + loaded.get().name()
                        + " = "
                        + Hex.of(loaded.get().value()));
    }

    /**
     * Leaves written with each memory type the vector names read back as it says, on every root of
     * the configured variant at its last level; the types it does not name are refused as not
     * expressible.
     */
    private static List<String> memoryTypesWritten(
            Architecture configured, ModuleVectors.ConfigurationVector vector, String id) {
        if (vector.memoryTypesWritten().isEmpty()) {
            return List.of();
        }
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : configured.roots()) {
            EntryFormat format = root.format();
            int level = root.geometry().lastLevel();
            MappingFlags plain = ExpressibleFlags.of(root).plain().get(0);
            for (MemoryType type : MemoryType.values()) {
                MemoryType expected = vector.memoryTypesWritten().get(type);
                String found;
                try {
                    long template = format.leafTemplate(level, plain.withMemoryType(type));
                    MemoryType read =
                            format.leafFlags(
                                            level,
                                            format.leafEntry(
                                                    level, template, root.geometry().pageSize()))
                                    .memoryType();
                    if (read == expected) {
                        continue;
                    }
                    found = "reads back " + read;
                } catch (RightsNotExpressibleException e) {
                    if (expected == null) {
                        continue;
                    }
                    found = "is refused: " + e.getMessage();
                } catch (RuntimeException e) {
                    found = "throws " + e;
                }
                wrong.add(
                        id
                                + ": "
                                + root.registerName()
                                + " leaf written "
                                + type
                                + " should "
                                + (expected == null
                                        ? "be refused as not expressible"
                                        : "read back " + expected)
                                + " but "
                                + found);
            }
        }
        return wrong;
    }

    /**
     * The translation-control register the configured variant loads configures {@code base} into a
     * variant of the same name: the register's encoder agrees with the decoder on every field the
     * vector set.
     */
    private static List<String> writtenBack(
            Architectures registry, Architecture base, Architecture configured, String id) {
        Optional<RegisterValue> control =
                configured
                        .rootRegisters(someTables(configured), RootSettings.DEFAULT)
                        .withRole(RegisterRole.TRANSLATION_CONTROL);
        if (control.isEmpty()) {
            return List.of();
        }
        String again;
        try {
            Architecture reread =
                    registry.configure(
                            base,
                            VariantConfiguration.none()
                                    .withTranslationControl(control.get().value()));
            // a name or an alias of the same variant ("aarch64" is "aarch64-4k-48")
            if (reread.name().equals(configured.name())
                    || configured.aliases().contains(reread.name())
                    || reread.aliases().contains(configured.name())) {
                return List.of();
            }
            again = reread.name();
        } catch (RuntimeException e) {
            again = "a refusal: " + e;
        }
        return List.of(
                id
                        + ": "
                        + configured.name()
                        + " loads "
                        + control.get().name()
                        + " = "
                        + Hex.of(control.get().value())
                        + ", which configures "
                        + again
                        + ", not "
                        + configured.name());
    }
}
