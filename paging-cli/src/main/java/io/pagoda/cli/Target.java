package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.image.LoadedRoots;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import io.pagoda.paging.image.PagodaNote;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantCandidate;
import io.pagoda.paging.spi.VariantConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code inspect} and {@code translate} work on: the architecture (configured by its control
 * register), the image, and one raw register value per root, each checked to point inside the
 * image. What the user left out of {@code --arch}/{@code --root} comes from the ELF core's notes
 * ({@link VariantChoice}), and a PAGODA note naming the variant read also gives its {@code tcr} and
 * {@code mair} where {@code --tcr}/{@code --mair} are absent; {@code detection} is then the stderr
 * line saying what was chosen and why (null when the user named everything).
 */
@SuppressWarnings("ArrayRecordComponent") // one command's target: never compared or hashed
record Target(
        Architecture architecture, MappedImageMemory memory, long[] registers, String detection) {

    static Target open(TargetOptions options, Path image) {
        Architectures registry = Architectures.discover();
        Architecture explicit =
                options.architecture == null ? null : registry.get(options.architecture);
        if (explicit != null) {
            checkUpperRoot(
                    options,
                    configured(
                            registry,
                            explicit,
                            options.controlRegister,
                            true,
                            options.memoryAttributes,
                            true));
        }
        if (!Files.isRegularFile(image)) {
            throw new UserError(
                    (Files.exists(image) ? "not a regular file: " : "no such file: ") + image);
        }
        OptionalLong base =
                options.base == null ? OptionalLong.empty() : OptionalLong.of(options.base);
        MappedImageMemory memory = MemoryImages.open(image, base);
        if (memory instanceof ElfCoreMemory core && explicit != null) {
            ElfMachines.requireMatch(image, core.machine(), explicit);
        }
        Long root = options.root;
        Long upperRoot = options.upperRoot;
        Long controlRegister = options.controlRegister;
        String detection = null;
        if (explicit == null || root == null) {
            // the core says what the user left out
            VariantCandidate chosen =
                    VariantChoice.choose(registry, memory, image, options.cpu, explicit);
            detection = VariantChoice.line(chosen);
            if (root == null) {
                root = chosen.roots().get(0);
                if (upperRoot == null && chosen.roots().size() > 1) {
                    upperRoot = chosen.roots().get(1);
                }
            }
            if (controlRegister == null && chosen.controlRegister().isPresent()) {
                controlRegister = chosen.controlRegister().getAsLong();
            }
            if (explicit == null) {
                explicit = registry.get(chosen.architecture());
                if (memory instanceof ElfCoreMemory core) {
                    ElfMachines.requireMatch(image, core.machine(), explicit);
                }
            }
        }
        // the exporter's registers for these tables, where the user gave none
        Optional<PagodaNote> note = VariantChoice.noteFor(registry, memory, explicit);
        if (controlRegister == null && note.isPresent() && note.get().tcr().isPresent()) {
            controlRegister = note.get().tcr().getAsLong();
        }
        Long memoryAttributes = options.memoryAttributes;
        if (memoryAttributes == null && note.isPresent() && note.get().mair().isPresent()) {
            memoryAttributes = note.get().mair().getAsLong();
        }
        Architecture architecture =
                configured(
                        registry,
                        explicit,
                        controlRegister,
                        options.controlRegister != null,
                        memoryAttributes,
                        options.memoryAttributes != null);
        if (options.upperRoot != null) {
            checkUpperRoot(options, architecture);
        } else if (upperRoot != null && architecture.roots().size() < 2) {
            upperRoot = null;
        }
        long[] registers = upperRoot == null ? new long[] {root} : new long[] {root, upperRoot};
        for (int i = 0; i < registers.length; i++) {
            requireRootInside(architecture.roots().get(i), registers[i], memory);
        }
        if (options.strict) {
            List<LoadedRoots.LoadCheckedEntry> loadChecked =
                    LoadedRoots.find(architecture, memory, registers);
            if (!loadChecked.isEmpty()) {
                throw new StrictRefusal(
                        "--strict: "
                                + describe(loadChecked)
                                + ": reserved bits a root-register load refuses;"
                                + " drop --strict to read them as the loaded CPU holds them");
            }
            return new Target(architecture, memory, registers, detection);
        }
        // the image shows a CPU that loaded these registers: bits only that load checks were set
        // after it
        return new Target(LoadedRoots.asLoaded(architecture), memory, registers, detection);
    }

    /**
     * The variant configured by its translation-control (--tcr) and memory-attribute (--mair)
     * registers, when given, through the provider that offers it; each register on its own, so a
     * refusal names the option (or the core's note) it came from.
     */
    private static Architecture configured(
            Architectures registry,
            Architecture architecture,
            Long controlRegister,
            boolean controlRegisterGiven,
            Long memoryAttributes,
            boolean memoryAttributesGiven) {
        Architecture configured = architecture;
        if (controlRegister != null) {
            configured =
                    configure(
                            registry,
                            configured,
                            VariantConfiguration.none().withTranslationControl(controlRegister),
                            controlRegisterGiven ? "--tcr" : null,
                            "tcr",
                            controlRegister);
        }
        if (memoryAttributes != null) {
            configured =
                    configure(
                            registry,
                            configured,
                            VariantConfiguration.none().withMemoryAttributes(memoryAttributes),
                            memoryAttributesGiven ? "--mair" : null,
                            "mair",
                            memoryAttributes);
        }
        return configured;
    }

    /**
     * One register applied; {@code option} is the command-line option it came from, null when the
     * core's registers or PAGODA note gave it (then {@code key} names it).
     */
    private static Architecture configure(
            Architectures registry,
            Architecture variant,
            VariantConfiguration configuration,
            String option,
            String key,
            long value) {
        String source = (option != null ? option : "the core's " + key) + " " + Hex.of(value);
        try {
            return registry.configure(variant, configuration);
        } catch (VariantConfigurationException e) {
            // the API's fix speaks of the configuration; the user's is the option, or the core
            throw new UserError(
                    source
                            + ": "
                            + e.reason()
                            + (option != null
                                    ? "; omit " + option
                                    : "; the core's notes do not fit " + e.variant()),
                    e);
        } catch (IllegalArgumentException e) {
            throw new UserError(source + ": " + e.getMessage(), e);
        }
    }

    private static void checkUpperRoot(TargetOptions options, Architecture architecture) {
        if (options.upperRoot != null && architecture.roots().size() < 2) {
            throw new UserError(
                    "--root-upper: "
                            + architecture.name()
                            + " has a single root register ("
                            + architecture.roots().get(0).registerName()
                            + "); give --root only");
        }
    }

    /**
     * The size of the image file, which the walk's default bounds scale with (not its segments'
     * sizes, which a header can inflate).
     */
    long imageBytes() {
        try {
            return Files.size(memory.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One line per thing the walk reads differently from a fresh register load: root-table entries
     * with bits only that load checks (followed as the CPU holds them), and why loading a given
     * register would fault.
     */
    List<String> warnings() {
        List<String> faults = new ArrayList<>();
        List<LoadedRoots.LoadCheckedEntry> loadChecked =
                LoadedRoots.find(architecture, memory, registers);
        if (!loadChecked.isEmpty()) {
            faults.add(
                    describe(loadChecked)
                            + ": reserved bits the CPU checks only when the register is loaded, set after"
                            + " the load (QEMU's walker sets Accessed in PAE PDPTEs); followed as the loaded CPU holds them (--strict refuses)");
        }
        for (int i = 0; i < registers.length; i++) {
            TranslationRoot root = architecture.roots().get(i);
            String fault = root.rootLoadFault(memory, root.tableAddress(registers[i]));
            if (fault != null) {
                faults.add(
                        "loading "
                                + root.registerName()
                                + " = "
                                + Hex.of(registers[i])
                                + " would fault: "
                                + fault);
            }
        }
        return faults;
    }

    private static String describe(List<LoadedRoots.LoadCheckedEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (LoadedRoots.LoadCheckedEntry entry : entries) {
            text.append(text.length() == 0 ? "" : ", ").append(entry.describe());
        }
        return text.toString();
    }

    private static void requireRootInside(
            TranslationRoot root, long register, MappedImageMemory memory) {
        long table = root.tableAddress(register);
        long last = table + root.geometry().level(0).tableBytes() - 1;
        try {
            memory.readByte(table);
            memory.readByte(last);
        } catch (PhysicalAddressException e) {
            throw new UserError(
                    "the root table "
                            + Hex.of(table)
                            + " (from "
                            + root.registerName()
                            + " = "
                            + Hex.of(register)
                            + ") is not inside the image, which holds "
                            + memory.describeRanges()
                            + "; check the register value, or the --base of a raw image",
                    e);
        }
    }
}
