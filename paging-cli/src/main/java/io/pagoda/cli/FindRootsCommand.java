package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda find-roots}: proposes root tables for an image whose registers are missing (raw dumps, AArch64
 * cores), ranked by what a walk from each finds ({@link RootScan}).
 */
@Command(name = "find-roots", mixinStandardHelpOptions = true,
        description = {"Scan a memory image for pages that are plausible top-level page tables and list them ranked:",
                "entries that decode, pointers inside the image, lower tables that decode; then leaves and bytes mapped,",
                "image memory reached (each page once), entries that would fault, upper (kernel) halves shared, self-links.",
                "Without --arch every variant the ELF core's e_machine allows is tried (a raw image: every variant)."})
final class FindRootsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", description = "Only this variant (see 'pagoda archs').")
    String architecture;

    @Option(names = "--base", paramLabel = "PA", converter = Numbers.class,
            description = "Physical address of a raw image's first byte (default 0); ELF cores carry their own.")
    Long base;

    @Option(names = "--max-candidates", defaultValue = "10", paramLabel = "N", converter = Counts.IntCount.class,
            description = "Candidates listed at most (default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(names = "--max-walked", defaultValue = "64", paramLabel = "N", converter = Counts.IntCount.class,
            description = "Candidates per variant walked in full after the cheap checks (default: ${DEFAULT-VALUE}).")
    int maxWalked;

    @Option(names = "--max-walk-entries", defaultValue = "1048576", paramLabel = "N", converter = Counts.class,
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
            throw new UserError((Files.exists(image) ? "not a regular file: " : "no such file: ") + image);
        }
        MappedImageMemory memory = MemoryImages.open(image, base == null ? OptionalLong.empty() : OptionalLong.of(base));
        List<Architecture> variants = variants(registry, explicit, memory);
        RootScan scan = new RootScan(memory, maxWalkEntries);
        List<RootScan.Candidate> all = RootScan.ranked(scan.scan(variants, Math.max(maxCandidates, 2), maxWalked));
        Map<String, Integer> shared = RootScan.sharedUpperHalves(all);
        if (all.isEmpty()) {
            err.println("pagoda: warning: no plausible top-level table in " + image + " for " + describe(variants));
            out.flush();
            return;
        }
        TextTable table = new TextTable("RANK", "VARIANT", "ROOT", "LEAVES", "SPANNED", "REACHED", "UPPER-REACHED", "FAULTS", "TABLES", "SHARED-UPPER",
                "LOWER-USED", "ACCESSED", "SELF-LINKS");
        for (int i = 0; i < all.size() && i < maxCandidates; i++) {
            RootScan.Candidate c = all.get(i);
            int sharing = c.upperHalfHash() == 0 ? 0 : shared.getOrDefault(RootScan.familyKey(c), 1) - 1;
            table.add(String.valueOf(i + 1), c.architecture().name(), RootScan.register(c), c.leaves() + (c.complete() ? "" : "+"),
                    Hex.size(c.spanMapped()) + (c.complete() ? "" : "+"), Hex.size(c.bytesMapped()), Hex.size(c.upperHalfBytes()), String.valueOf(c.faults()),
                    String.valueOf(c.tables()), String.valueOf(sharing), String.valueOf(c.lowerHalfEntries()),
                    String.valueOf(c.accessedEntries()), String.valueOf(c.selfLinks()));
        }
        table.print(out);
        out.println(proposal(all));
        out.flush();
    }

    /** The command line that reads the best candidate; for two-root variants the next one of that variant as the other root. */
    private static String proposal(List<RootScan.Candidate> ranked) {
        RootScan.Candidate best = ranked.get(0);
        Architecture variant = best.architecture();
        StringBuilder line = new StringBuilder("proposal: --arch " + variant.name());
        if (variant.roots().size() == 1) {
            line.append(" --root ").append(Hex.of(best.register()));
        } else {
            RootScan.Candidate other = null;
            for (RootScan.Candidate c : ranked) {
                if (!c.equals(best) && c.architecture() == variant) {
                    other = c;
                    break;
                }
            }
            long lower = other == null ? 0 : variant.roots().get(0).registerValue(other.table(), 0);
            line.append(" --root ").append(Hex.of(lower)).append(" --root-upper ").append(Hex.of(best.register()));
            variant.controlRegisterValue().ifPresent(tcr -> line.append(" --tcr ").append(Hex.of(tcr)));
            line.append(other == null ? " (no second table: the lower half may be empty, as Linux leaves it in kernel threads)" : "");
        }
        return line.toString();
    }

    private static List<Architecture> variants(Architectures registry, Architecture explicit, MappedImageMemory memory) {
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
