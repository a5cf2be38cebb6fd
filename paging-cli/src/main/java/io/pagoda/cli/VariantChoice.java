package io.pagoda.cli;

import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.PagodaNote;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the tables to read from what a core records when the user did not name them: Pagoda's own
 * note, and what every architecture module reads from one vCPU's registers. The decision per
 * architecture lives in the modules ({@code ArchitectureProvider.candidatesFrom}); this only
 * collects, merges agreeing answers and refuses when zero or several remain.
 */
final class VariantChoice {
    private VariantChoice() {}

    /**
     * The one candidate the core points to, or a {@link UserError} saying why there is none or
     * listing the rival ones. With {@code explicit}, only candidates of that variant count (the
     * user named it, not its roots).
     */
    static VariantCandidate choose(
            Architectures registry,
            MappedImageMemory memory,
            Path image,
            Integer cpu,
            Architecture explicit) {
        if (!(memory instanceof ElfCoreMemory core)) {
            throw new UserError(
                    image
                            + " is a raw image, which records no CPU state: give --arch and --root "
                            + "('pagoda find-roots IMAGE' proposes roots)");
        }
        List<VariantCandidate> found = new ArrayList<>();
        core.pagodaNote().ifPresent(note -> found.add(note.candidate()));
        List<CpuRegisters> cpus = core.cpuStates();
        int index = cpu == null ? 0 : cpu;
        if (index >= cpus.size() && (cpu != null || found.isEmpty())) {
            throw new UserError(
                    cpus.isEmpty()
                            ? image
                                    + " records no vCPU registers (no NT_PRSTATUS or QEMU notes) and no PAGODA note: give --arch and --root "
                                    + "('pagoda find-roots IMAGE' proposes roots)"
                            : "--cpu "
                                    + index
                                    + ": "
                                    + image
                                    + " records "
                                    + cpus.size()
                                    + " vCPU"
                                    + (cpus.size() == 1 ? "" : "s")
                                    + ", numbered from 0");
        }
        CpuRegisters registers = index < cpus.size() ? cpus.get(index) : null;
        if (registers != null) {
            found.addAll(registry.candidatesFrom(registers));
        }
        List<VariantCandidate> merged = merged(found);
        if (explicit != null) {
            List<VariantCandidate> same = new ArrayList<>();
            for (VariantCandidate candidate : merged) {
                Optional<Architecture> named = registry.find(candidate.architecture());
                if (named.isPresent() && named.get().name().equals(explicit.name())) {
                    same.add(candidate);
                }
            }
            if (same.isEmpty()) {
                throw new UserError(
                        "--arch "
                                + explicit.name()
                                + " without --root: "
                                + (merged.isEmpty()
                                        ? "the core records nothing that names its tables"
                                        : "the core points to " + list(merged))
                                + "; give --root too to read "
                                + explicit.name()
                                + " anyway");
            }
            merged = same;
        }
        if (merged.isEmpty()) {
            throw new UserError(
                    "CPU "
                            + index
                            + " of "
                            + image
                            + " ("
                            + registers.source()
                            + ") records nothing that names the page "
                            + "tables in use (paging off, or no control registers in the core's notes): give --arch and --root "
                            + "('pagoda find-roots IMAGE' proposes roots)");
        }
        if (merged.size() > 1) {
            throw new UserError(
                    "the core points to "
                            + merged.size()
                            + " different tables: "
                            + list(merged)
                            + "; choose one with --arch (and --root)");
        }
        return merged.get(0);
    }

    /**
     * The core's PAGODA note when it names {@code variant} (by name or alias): its {@code tcr} and
     * {@code mair} are the exporter's registers for those tables, which every command reading that
     * variant applies unless told otherwise.
     */
    static Optional<PagodaNote> noteFor(
            Architectures registry, MappedImageMemory memory, Architecture variant) {
        if (!(memory instanceof ElfCoreMemory core)) {
            return Optional.empty();
        }
        return core.pagodaNote()
                .filter(
                        note ->
                                registry.find(note.architecture())
                                        .map(named -> named.name().equals(variant.name()))
                                        .orElse(false));
    }

    /** The line on stderr saying what was chosen and why. */
    static String line(VariantCandidate chosen) {
        return "pagoda: reading " + chosen.summary() + ", chosen by " + chosen.evidence();
    }

    private static List<VariantCandidate> merged(List<VariantCandidate> found) {
        List<VariantCandidate> merged = new ArrayList<>();
        for (VariantCandidate candidate : found) {
            int same = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).sameTablesAs(candidate)) {
                    same = i;
                }
            }
            if (same < 0) {
                merged.add(candidate);
            } else {
                VariantCandidate first = merged.get(same);
                merged.set(
                        same,
                        new VariantCandidate(
                                first.architecture(),
                                first.roots(),
                                first.controlRegister(),
                                first.evidence() + ", and " + candidate.evidence()));
            }
        }
        return merged;
    }

    private static String list(List<VariantCandidate> candidates) {
        StringBuilder out = new StringBuilder();
        for (VariantCandidate candidate : candidates) {
            out.append(out.length() == 0 ? "" : "; ")
                    .append(candidate.summary())
                    .append(" (")
                    .append(candidate.evidence())
                    .append(')');
        }
        return out.toString();
    }
}
