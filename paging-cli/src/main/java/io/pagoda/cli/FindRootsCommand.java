package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import io.pagoda.paging.image.PagodaNote;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantConfiguration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda find-roots}: proposes root tables for an image whose registers are missing (raw
 * dumps, AArch64 cores), ranked by what a walk from each finds ({@link RootScan}).
 */
@Command(
        name = "find-roots",
        mixinStandardHelpOptions = true,
        description = {
            "Scan a memory image for pages that are plausible top-level page tables and list them ranked:",
            "entries that decode, pointers inside the image, lower tables that decode; then leaves and bytes mapped,",
            "image memory reached (each page once), entries that would fault, upper (kernel) halves shared, self-links.",
            "Without --arch every variant the ELF core's e_machine allows is tried (a raw image: every variant)."
        })
final class FindRootsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(
            names = "--arch",
            paramLabel = "NAME",
            description = "Only this variant (see 'pagoda archs').")
    String architecture;

    @Option(
            names = "--base",
            paramLabel = "PA",
            converter = Numbers.class,
            description =
                    "Physical address of a raw image's first byte (default 0); ELF cores carry their own.")
    Long base;

    @Option(
            names = "--max-candidates",
            defaultValue = "10",
            paramLabel = "N",
            converter = Counts.IntCount.class,
            description = "Candidates listed at most (default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(
            names = "--max-walked",
            defaultValue = "64",
            paramLabel = "N",
            converter = Counts.IntCount.class,
            description =
                    "Candidates per variant walked in full after the cheap checks (default: ${DEFAULT-VALUE}).")
    int maxWalked;

    @Option(
            names = "--max-walk-entries",
            defaultValue = "1048576",
            paramLabel = "N",
            converter = Counts.class,
            description = "Entries one candidate's walk reads at most (default: ${DEFAULT-VALUE}).")
    long maxWalkEntries;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The memory image.")
    Path image;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Architectures registry = Architectures.discover();
        Architecture explicit = architecture == null ? null : registry.get(architecture);
        if (!Files.isRegularFile(image)) {
            throw new UserError(
                    (Files.exists(image) ? "not a regular file: " : "no such file: ") + image);
        }
        MappedImageMemory memory =
                MemoryImages.open(
                        image, base == null ? OptionalLong.empty() : OptionalLong.of(base));
        List<Architecture> variants = new ArrayList<>();
        // the variant the core's PAGODA note names, and the MAIR it gives, for the proposal
        String noteVariant = null;
        Long noteMair = null;
        for (Architecture variant : variants(registry, explicit, memory)) {
            Optional<PagodaNote> note = VariantChoice.noteFor(registry, memory, variant);
            if (note.isPresent()) {
                // as inspect reads it: the exporter's registers shape the walk (TCR) and name the
                // memory types (MAIR)
                String named = variant.name();
                variant = configured(registry, variant, note.get());
                noteVariant = variant.name();
                noteMair = note.get().mair().isPresent() ? note.get().mair().getAsLong() : null;
                if (note.get().tcr().isPresent() || note.get().mair().isPresent()) {
                    err.println(
                            "pagoda: "
                                    + named
                                    + " read with the core's PAGODA note's"
                                    + registersOf(note.get()));
                }
            }
            variants.add(variant);
        }
        RootScan scan = new RootScan(memory, maxWalkEntries);
        List<RootScan.Candidate> all =
                RootScan.ranked(scan.scan(variants, Math.max(maxCandidates, 2), maxWalked));
        Map<String, Integer> shared = RootScan.sharedUpperHalves(all);
        if (all.isEmpty()) {
            err.println(
                    "pagoda: warning: no plausible top-level table in "
                            + image
                            + " for "
                            + describe(variants));
            out.flush();
            return;
        }
        TextTable table =
                new TextTable(
                        "RANK",
                        "VARIANT",
                        "ROOT",
                        "LEAVES",
                        "SPANNED",
                        "REACHED",
                        "UPPER-REACHED",
                        "FAULTS",
                        "TABLES",
                        "SHARED-UPPER",
                        "LOWER-USED",
                        "ACCESSED",
                        "SELF-LINKS");
        for (int i = 0; i < all.size() && i < maxCandidates; i++) {
            RootScan.Candidate c = all.get(i);
            int sharing =
                    c.upperHalfHash() == 0 ? 0 : shared.getOrDefault(RootScan.familyKey(c), 1) - 1;
            table.add(
                    String.valueOf(i + 1),
                    c.architecture().name(),
                    RootScan.register(c),
                    c.leaves() + (c.complete() ? "" : "+"),
                    Hex.size(c.spanMapped()) + (c.complete() ? "" : "+"),
                    Hex.size(c.bytesMapped()),
                    Hex.size(c.upperHalfBytes()),
                    String.valueOf(c.faults()),
                    String.valueOf(c.tables()),
                    String.valueOf(sharing),
                    String.valueOf(c.lowerHalfEntries()),
                    String.valueOf(c.accessedEntries()),
                    String.valueOf(c.selfLinks()));
        }
        table.print(out);
        out.println(proposal(all, memory, noteVariant, noteMair));
        out.flush();
    }

    /**
     * The command line that reads the best candidate. A two-root variant's best candidate is the
     * upper root (TTBR1: the kernel's tables, which the ranking judges); the lower root (TTBR0) has
     * no such evidence, since the tables of the CPU's current process look like any other
     * process's, and a Linux kernel thread's TTBR0 is a zeroed table that no scan can find. So the
     * proposal says which it gives and why ({@link #lowerRoot}).
     */
    private static String proposal(
            List<RootScan.Candidate> ranked,
            MappedImageMemory memory,
            String noteVariant,
            Long noteMair) {
        RootScan.Candidate best = ranked.get(0);
        Architecture variant = best.architecture();
        StringBuilder line = new StringBuilder("proposal: --arch " + variant.name());
        if (variant.roots().size() == 1) {
            return line.append(" --root ").append(Hex.of(best.register())).toString();
        }
        String[] lower = lowerRoot(ranked, memory);
        if (lower[0] != null) {
            line.append(" --root ").append(lower[0]);
        }
        line.append(" --root-upper ").append(Hex.of(best.register()));
        variant.controlRegisterValue().ifPresent(tcr -> line.append(" --tcr ").append(Hex.of(tcr)));
        if (noteMair != null && variant.name().equals(noteVariant)) {
            line.append(" --mair ").append(Hex.of(noteMair));
        }
        return line.append(" (")
                .append(best.root().registerName())
                .append(": rank 1; ")
                .append(lower[1])
                .append(')')
                .toString();
    }

    /**
     * The lower root register to propose beside the best candidate (null when none) and what is
     * known of it: first the zeroed page just below the upper table, where Linux keeps {@code
     * reserved_pg_dir}, the TTBR0 of its kernel threads (and of a CPU that panicked in one), so the
     * lower half maps nothing; else the next candidate of the variant, named a guess; else nothing.
     */
    private static String[] lowerRoot(List<RootScan.Candidate> ranked, MappedImageMemory memory) {
        RootScan.Candidate best = ranked.get(0);
        Architecture variant = best.architecture();
        TranslationRoot lowerRoot = variant.roots().get(0);
        String name = lowerRoot.registerName();
        int nextRank = 0;
        for (int i = 1; i < ranked.size() && nextRank == 0; i++) {
            if (ranked.get(i).architecture() == variant) {
                nextRank = i + 1;
            }
        }
        String others =
                nextRank == 0
                        ? "no other candidate of " + variant.name()
                        : "a process's would be another table of "
                                + variant.name()
                                + " (the next candidate of it: rank "
                                + nextRank
                                + ")";
        long page = lowerRoot.geometry().pageSize();
        long below = (best.table() & -page) - page;
        if (Long.compareUnsigned(below, best.table()) < 0 && zeroed(memory, below, page)) {
            return new String[] {
                Hex.of(lowerRoot.registerValue(below, 0)),
                name
                        + ": the zeroed page just below "
                        + best.root().registerName()
                        + "'s table, where Linux keeps the table of kernel threads (reserved_pg_dir), which maps"
                        + " nothing; "
                        + others
            };
        }
        if (nextRank != 0) {
            RootScan.Candidate next = ranked.get(nextRank - 1);
            return new String[] {
                Hex.of(lowerRoot.registerValue(next.table(), 0)),
                name
                        + ": rank "
                        + nextRank
                        + ", a guess (the next table of "
                        + variant.name()
                        + "; nothing in memory tells which one was loaded)"
            };
        }
        return new String[] {
            null, "no " + name + " to propose: give --root with its value; " + others
        };
    }

    /** Whether {@code [pa, pa + length)} lies in the image and holds only zeros. */
    private static boolean zeroed(MappedImageMemory memory, long pa, long length) {
        long[] words = new long[(int) (length / 8)];
        try {
            memory.readByte(pa);
            memory.readByte(pa + length - 1);
            memory.readLongs(pa, words, words.length);
        } catch (PagingException e) {
            return false;
        }
        for (long word : words) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The variant with the note's translation-control and memory-attribute registers, where it
     * carries them.
     */
    private static Architecture configured(
            Architectures registry, Architecture variant, PagodaNote note) {
        VariantConfiguration configuration = VariantConfiguration.none();
        if (note.tcr().isPresent()) {
            configuration = configuration.withTranslationControl(note.tcr().getAsLong());
        }
        if (note.mair().isPresent()) {
            configuration = configuration.withMemoryAttributes(note.mair().getAsLong());
        }
        try {
            return registry.configure(variant, configuration);
        } catch (VariantConfigurationException | IllegalArgumentException e) {
            throw new UserError(
                    variant.name()
                            + ": the core's PAGODA note's"
                            + registersOf(note)
                            + " cannot configure it: "
                            + e.getMessage(),
                    e);
        }
    }

    private static String registersOf(PagodaNote note) {
        StringBuilder text = new StringBuilder();
        note.tcr().ifPresent(v -> text.append(" tcr=").append(Hex.of(v)));
        note.mair()
                .ifPresent(
                        v ->
                                text.append(text.length() == 0 ? "" : ",")
                                        .append(" mair=")
                                        .append(Hex.of(v)));
        return text.toString();
    }

    private static List<Architecture> variants(
            Architectures registry, Architecture explicit, MappedImageMemory memory) {
        if (explicit != null) {
            if (memory instanceof ElfCoreMemory core) {
                ElfMachines.requireMatch(memory.file(), core.machine(), explicit);
            }
            return List.of(explicit);
        }
        if (memory instanceof ElfCoreMemory core) {
            List<Architecture> allowed = registry.forElfMachine(core.machine());
            if (!allowed.isEmpty()) {
                return allowed;
            }
        }
        return registry.all();
    }

    private static String describe(List<Architecture> variants) {
        List<String> names = new ArrayList<>();
        variants.forEach(v -> names.add(v.name()));
        return String.join(", ", names);
    }
}
