package io.pagoda.paging.spi;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Vectors an architecture module states beyond each variant's {@link
 * Architecture#hardwareVectors()}, found with {@link java.util.ServiceLoader} (register it as a
 * service, like the provider): the registers a boot stub loads, saved CPU states with the variants
 * the manuals say they are in, and variants under a memory-attribute configuration other than their
 * default, with vectors worked out for it. The conformance kit checks them in the run of every
 * variant they name. Like hardware vectors, they are worked out from the manuals, never produced by
 * the module's own code.
 */
public interface ModuleVectors {

    /**
     * CPU states, one piece of evidence each, with what {@link ArchitectureProvider#candidatesFrom}
     * must answer.
     *
     * @return the detection vectors; none by default
     */
    default List<DetectionVector> detectionVectors() {
        return List.of();
    }

    /**
     * Root tables and settings with the registers {@link Architecture#rootRegisters} must load for
     * them: the values the manuals require for the variant's hardware vectors to mean what they say
     * (paging and its mode enabled, execute-disable and global pages on, the tag enabled when one
     * is given ...).
     *
     * @return the boot vectors; none by default
     */
    default List<BootVector> bootVectors() {
        return List.of();
    }

    /**
     * Variants, as shipped or as the module's own builders configure them (another recursive slot,
     * no direct map ...), with the address layout worked out for each.
     *
     * @return the layout vectors; none by default
     */
    default List<LayoutVector> layoutVectors() {
        return List.of();
    }

    /**
     * Variants under another memory-attribute configuration (another IA32_PAT, MAIR ...), each with
     * vectors whose leaves mean what that configuration says.
     *
     * @return the configured variants; none by default
     */
    default List<ConfiguredVariant> configuredVariants() {
        return List.of();
    }

    /**
     * Register values a reader of a memory image or saved CPU state configures a variant from
     * ({@link ArchitectureProvider#configure}, reached through {@link
     * io.pagoda.paging.registry.Architectures#configure}), each with the variant it must select or
     * the refusal it must meet, worked out from the manuals' register descriptions.
     *
     * @return the configuration vectors; none by default
     */
    default List<ConfigurationVector> configurationVectors() {
        return List.of();
    }

    /**
     * The names a user may select each variant by, as the module documents them: every name maps to
     * the variant (by its canonical name) the registry must return for it.
     *
     * @return name to variant; none by default
     */
    default Map<String, String> documentedNames() {
        return Map.of();
    }

    /**
     * What the module's own builders (a variant's {@code with...} methods, a format's constructor)
     * accept and refuse at the edges of what the hardware can hold: each refusal a typed exception
     * whose message names what was wrong, so a bad configuration never builds a variant that
     * quietly reads tables otherwise.
     *
     * @return the build vectors; none by default
     */
    default List<BuildVector> buildVectors() {
        return List.of();
    }

    /**
     * Entries the variant's format must write as stated or refuse: leaves whose flags it refuses,
     * widens as it documents, or writes exactly; frames and tables its entries cannot hold. The SPI
     * makes an aligned, reachable address a precondition of {@link EntryFormat#leafEntry} and
     * {@link EntryFormat#tableEntry}; a module that checks them states here what it refuses.
     *
     * @return the write vectors; none by default
     */
    default List<WriteVector> writeVectors() {
        return List.of();
    }

    /**
     * One entry written through a variant's format: a leaf ({@code flags} given: {@link
     * EntryFormat#leafTemplate}, then {@link EntryFormat#leafEntry} at {@code physicalAddress}) or
     * a table entry ({@code flags} null: {@link EntryFormat#tableEntry} linking {@code
     * physicalAddress}), and what must come of it.
     *
     * @param id names the vector in failure messages
     * @param variant the registered variant whose format writes it
     * @param rootIndex which root's format
     * @param level the geometry level written at
     * @param flags the leaf's flags, or null for a table entry
     * @param physicalAddress the frame or table address
     * @param readBack the flags the leaf reads back with (at {@code physicalAddress}), or null when
     *     the write must be refused (a {@link io.pagoda.paging.error.PagingException} or, for a
     *     level that links no table, an {@link IllegalArgumentException}); always null for a table
     *     entry
     */
    record WriteVector(
            String id,
            String variant,
            int rootIndex,
            int level,
            @Nullable MappingFlags flags,
            long physicalAddress,
            @Nullable MappingFlags readBack) {
        /**
         * Checks that a table entry is only ever stated as refused.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param rootIndex the record's {@code rootIndex}
         * @param level the record's {@code level}
         * @param flags the record's {@code flags}
         * @param physicalAddress the record's {@code physicalAddress}
         * @param readBack the record's {@code readBack}
         */
        public WriteVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            if (flags == null && readBack != null) {
                throw new IllegalArgumentException(
                        "vector " + id + ": a table entry is stated only as refused");
            }
        }

        /**
         * A leaf the format must refuse.
         *
         * @param id names the vector
         * @param variant the registered variant
         * @param level the level
         * @param flags the flags asked for
         * @param physicalAddress the frame
         * @return the vector, on root 0
         */
        public static WriteVector refusedLeaf(
                String id, String variant, int level, MappingFlags flags, long physicalAddress) {
            return new WriteVector(id, variant, 0, level, flags, physicalAddress, null);
        }

        /**
         * A leaf the format must write, reading back with {@code readBack}.
         *
         * @param id names the vector
         * @param variant the registered variant
         * @param level the level
         * @param flags the flags asked for
         * @param physicalAddress the frame
         * @param readBack the flags the leaf reads back with
         * @return the vector, on root 0
         */
        public static WriteVector leaf(
                String id,
                String variant,
                int level,
                MappingFlags flags,
                long physicalAddress,
                MappingFlags readBack) {
            return new WriteVector(id, variant, 0, level, flags, physicalAddress, readBack);
        }

        /**
         * A table entry the format must refuse.
         *
         * @param id names the vector
         * @param variant the registered variant
         * @param level the level
         * @param tableAddress the table it would link
         * @return the vector, on root 0
         */
        public static WriteVector refusedTable(
                String id, String variant, int level, long tableAddress) {
            return new WriteVector(id, variant, 0, level, null, tableAddress, null);
        }
    }

    /**
     * A saved CPU state and the variants it must and must not be detected as.
     *
     * @param id names the vector in failure messages
     * @param registers the CPU state, as a core reader gives it
     * @param detected each variant (by name) the registry must propose, with the value of its first
     *     root register
     * @param notDetected the variants the registry must not propose
     */
    record DetectionVector(
            String id,
            CpuRegisters registers,
            Map<String, Long> detected,
            Set<String> notDetected) {
        /**
         * Copies the collections; a vector names at least one variant.
         *
         * @param id the record's {@code id}
         * @param registers the record's {@code registers}
         * @param detected the record's {@code detected}
         * @param notDetected the record's {@code notDetected}
         */
        public DetectionVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(registers, "registers");
            detected = Map.copyOf(detected);
            notDetected = Set.copyOf(notDetected);
            if (detected.isEmpty() && notDetected.isEmpty()) {
                throw new IllegalArgumentException("vector " + id + " names no variant");
            }
        }
    }

    /**
     * A variant built for another memory-attribute register value, the register its boot registers
     * then carry, and vectors read under that value.
     *
     * @param id names the configuration in failure messages
     * @param variant the registered variant it configures
     * @param architecture the configured variant
     * @param register the memory-attribute register's name in {@link Architecture#rootRegisters}
     * @param value the register's value
     * @param vectors translations whose meanings (memory types above all) hold under that value
     */
    record ConfiguredVariant(
            String id,
            String variant,
            Architecture architecture,
            String register,
            long value,
            List<HardwareVector> vectors) {
        /**
         * Copies the vectors; a configuration states at least one.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param architecture the record's {@code architecture}
         * @param register the record's {@code register}
         * @param value the record's {@code value}
         * @param vectors the record's {@code vectors}
         */
        public ConfiguredVariant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(register, "register");
            vectors = List.copyOf(vectors);
            if (vectors.isEmpty()) {
                throw new IllegalArgumentException("configuration " + id + " states no vectors");
            }
        }
    }

    /**
     * The registers a variant loads for some root tables and settings.
     *
     * @param id names the vector in failure messages
     * @param variant the registered variant
     * @param rootTables one table address per root
     * @param settings the settings asked for
     * @param registers every register (by name, as {@link RegisterValue#name()}) whose value the
     *     vector states; registers it does not name are not checked
     */
    record BootVector(
            String id,
            String variant,
            List<Long> rootTables,
            RootSettings settings,
            Map<String, Long> registers) {
        /**
         * Copies the collections; a vector states at least one register.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param rootTables the record's {@code rootTables}
         * @param settings the record's {@code settings}
         * @param registers the record's {@code registers}
         */
        public BootVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(settings, "settings");
            rootTables = List.copyOf(rootTables);
            registers = Map.copyOf(registers);
            if (registers.isEmpty()) {
                throw new IllegalArgumentException("vector " + id + " states no register");
            }
        }
    }

    /**
     * A variant and the address layout it must have.
     *
     * @param id names the vector in failure messages
     * @param variant the registered variant it is, or is configured from
     * @param architecture the variant, as shipped or configured
     * @param layout the layout, worked out by hand
     */
    record LayoutVector(
            String id, String variant, Architecture architecture, AddressLayout layout) {
        /**
         * Checks that no part is missing.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param architecture the record's {@code architecture}
         * @param layout the record's {@code layout}
         */
        public LayoutVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(layout, "layout");
        }
    }

    /**
     * One call of a module's builder at an edge, with what it must do: build, or throw an exception
     * of a stated type whose message names each of the stated words.
     *
     * @param id names the vector in failure messages
     * @param variant the registered variant whose run checks it
     * @param build the call
     * @param refusal the exception type it must throw, or empty when it must build
     * @param named the words the refusal's message must contain (the value, the range, the fix)
     */
    record BuildVector(
            String id,
            String variant,
            Supplier<?> build,
            Optional<Class<? extends RuntimeException>> refusal,
            List<String> named) {
        /**
         * Checks that no part is missing and that only a refusal names words.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param build the record's {@code build}
         * @param refusal the record's {@code refusal}
         * @param named the record's {@code named}
         */
        public BuildVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(refusal, "refusal");
            named = List.copyOf(named);
            if (refusal.isEmpty() && !named.isEmpty()) {
                throw new IllegalArgumentException("vector " + id + " builds: it has no message");
            }
        }

        /**
         * A call that must build.
         *
         * @param id names the vector
         * @param variant the variant whose run checks it
         * @param build the call
         * @return the vector
         */
        public static BuildVector accepted(String id, String variant, Supplier<?> build) {
            return new BuildVector(id, variant, build, Optional.empty(), List.of());
        }

        /**
         * A call that must throw {@code refusal} with a message naming each of {@code named}.
         *
         * @param id names the vector
         * @param variant the variant whose run checks it
         * @param build the call
         * @param refusal the exception type
         * @param named the words the message must contain
         * @return the vector
         */
        public static BuildVector refused(
                String id,
                String variant,
                Supplier<?> build,
                Class<? extends RuntimeException> refusal,
                String... named) {
            return new BuildVector(id, variant, build, Optional.of(refusal), List.of(named));
        }
    }

    /**
     * A configuration of a registered variant and what it selects: the configured variant's name,
     * physical width, tag root and levels per root, and walks that hold in it; or that the provider
     * refuses it (a reserved or unmodelled register value) with an {@link IllegalArgumentException}
     * or a {@link io.pagoda.paging.error.VariantConfigurationException}.
     *
     * @param id names the vector in failure messages
     * @param variant the registered variant it configures
     * @param configuration the registers given
     * @param refused whether the provider must refuse it (the other components are then unused)
     * @param name the configured variant's name
     * @param physicalAddressBits the configured variant's physical address width
     * @param tagRootIndex the root whose register carries the tag
     * @param levels the number of levels of each root, in root order
     * @param vectors walks that hold in the configured variant
     * @param memoryTypesWritten for a memory-attribute register: each memory type a leaf of the
     *     configured variant is written with, and the type that leaf reads back as (a type the
     *     register has no attribute for may fall back to a near one, as write-combining to
     *     non-cacheable on AArch64); every type not named must be refused as not expressible.
     *     Empty: the vector states nothing about writes
     */
    record ConfigurationVector(
            String id,
            String variant,
            VariantConfiguration configuration,
            boolean refused,
            String name,
            int physicalAddressBits,
            int tagRootIndex,
            List<Integer> levels,
            List<HardwareVector> vectors,
            Map<MemoryType, MemoryType> memoryTypesWritten) {
        /**
         * Copies the lists and the map; a vector that is not refused states at least one walk.
         *
         * @param id the record's {@code id}
         * @param variant the record's {@code variant}
         * @param configuration the record's {@code configuration}
         * @param refused the record's {@code refused}
         * @param name the record's {@code name}
         * @param physicalAddressBits the record's {@code physicalAddressBits}
         * @param tagRootIndex the record's {@code tagRootIndex}
         * @param levels the record's {@code levels}
         * @param vectors the record's {@code vectors}
         * @param memoryTypesWritten the record's {@code memoryTypesWritten}
         */
        public ConfigurationVector {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
            vectors = List.copyOf(vectors);
            memoryTypesWritten = Map.copyOf(memoryTypesWritten);
            if (!refused && vectors.isEmpty()) {
                throw new IllegalArgumentException(
                        "configuration vector " + id + " states no walk");
            }
        }

        /**
         * This vector stating, besides, what leaves written with each memory type read back as.
         *
         * @param written each memory type written and the type read back; the types not named must
         *     be refused
         * @return the vector
         */
        public ConfigurationVector withMemoryTypesWritten(Map<MemoryType, MemoryType> written) {
            return new ConfigurationVector(
                    id,
                    variant,
                    configuration,
                    refused,
                    name,
                    physicalAddressBits,
                    tagRootIndex,
                    levels,
                    vectors,
                    written);
        }

        /**
         * A configuration the provider must accept, selecting what the arguments say.
         *
         * @param id names the vector
         * @param variant the registered variant it configures
         * @param configuration the registers given
         * @param name the configured variant's name
         * @param physicalAddressBits its physical address width
         * @param tagRootIndex the root whose register carries the tag
         * @param levels the number of levels of each root
         * @param vectors walks that hold in it
         * @return the vector
         */
        public static ConfigurationVector selects(
                String id,
                String variant,
                VariantConfiguration configuration,
                String name,
                int physicalAddressBits,
                int tagRootIndex,
                List<Integer> levels,
                List<HardwareVector> vectors) {
            return new ConfigurationVector(
                    id,
                    variant,
                    configuration,
                    false,
                    name,
                    physicalAddressBits,
                    tagRootIndex,
                    levels,
                    vectors,
                    Map.of());
        }

        /**
         * A configuration the provider must refuse.
         *
         * @param id names the vector
         * @param variant the registered variant it would configure
         * @param configuration the registers given
         * @return the vector
         */
        public static ConfigurationVector refused(
                String id, String variant, VariantConfiguration configuration) {
            return new ConfigurationVector(
                    id, variant, configuration, true, "", 0, 0, List.of(), List.of(), Map.of());
        }
    }
}
