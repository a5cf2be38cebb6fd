package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.BreakBeforeMakeException;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.AddressWalk;
import io.pagoda.paging.table.access.PhysicalTableAccess;

/**
 * Writes one raw entry of the tables the CPU is running on, the way a kernel patches a live
 * descriptor, and refuses what the architecture forbids on live tables (AArch64 break-before-make,
 * §4): replacing a valid entry by a different valid one where {@link
 * EntryFormat#needsBreakBeforeMake} says so, and making an invalid entry valid while the TLB still
 * holds a translation of its span (the "break" was never invalidated). Changes that need no break
 * (AArch64 AP, XN, AF) are written in place. Either would let two translations of one address
 * coexist. Nothing is written when it refuses. Architectures that need no break-before-make (x86)
 * only get the second check, which their hardware would show as a stale translation rather than
 * refuse.
 */
public final class LiveEntryWriter {
    private final SimulatedCpu cpu;

    /** One reusable walk per root of the machine. */
    private final AddressWalk[] walks;

    /**
     * A writer to the tables {@code cpu} runs on, reached at their physical addresses.
     *
     * @param cpu the CPU whose loaded roots and TLB the writes are checked against
     */
    public LiveEntryWriter(SimulatedCpu cpu) {
        this.cpu = cpu;
        this.walks = new AddressWalk[cpu.architecture().roots().size()];
    }

    /**
     * Writes {@code raw} into the entry of {@code level} that translates {@code va} in the active
     * tables.
     *
     * @param va a virtual address the entry translates
     * @param level the entry's level, 0 = top
     * @param raw the new raw entry
     * @throws BreakBeforeMakeException when the write would break the architecture's rule, naming
     *     the fix
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws NotMappedException when a level above {@code level} holds no table for {@code va}
     */
    public void write(long va, int level, long raw) {
        int rootIndex =
                cpu.architecture()
                        .rootIndexFor(va)
                        .orElseThrow(
                                () ->
                                        new NonCanonicalAddressException(
                                                Hex.of(va)
                                                        + " is not translated by any root register; give a canonical address"));
        TranslationRoot root = cpu.architecture().roots().get(rootIndex);
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        AddressWalk walk = walks[rootIndex];
        if (walk == null) {
            walk = new AddressWalk(root, new PhysicalTableAccess(cpu.memory(), geometry));
            walks[rootIndex] = walk;
        }
        walk.walk(
                root.tableAddress(cpu.register(rootIndex)), root.canonicalForm().linear(va), level);
        if (walk.level() < level) {
            int above = walk.level();
            throw new NotMappedException(
                    "cannot write the level-"
                            + level
                            + " entry for "
                            + Hex.of(va)
                            + ": level "
                            + above
                            + " ("
                            + geometry.level(above).name()
                            + ") holds no table there; create the table first");
        }
        long old = walk.entry(level);
        boolean newValid = isValid(format.kind(level, raw));
        boolean oldValid = isValid(format.kind(level, old));
        if (newValid && oldValid && format.needsBreakBeforeMake(level, old, raw)) {
            throw new BreakBeforeMakeException(
                    "break-before-make: the level-"
                            + level
                            + " ("
                            + geometry.level(level).name()
                            + ") entry for "
                            + Hex.of(va)
                            + " is live ("
                            + Hex.of(old)
                            + ") and "
                            + Hex.of(raw)
                            + " changes what it maps; write an invalid entry, invalidate every page it mapped ("
                            + cpu.architecture().tlbInstructions().pageInstructionName()
                            + "), then write the new one");
        }
        if (newValid && !oldValid) {
            // the "make" of break-before-make: nothing of the span may still be cached
            long span = geometry.span(level);
            long first = va & -span;
            int stale = staleSlot(first, first + span - 1);
            if (stale >= 0) {
                throw new BreakBeforeMakeException(
                        "break-before-make: the TLB still translates "
                                + Hex.of(cpu.tlb().base(stale))
                                + " -> "
                                + Hex.of(cpu.tlb().leafPhysicalAddress(stale))
                                + " inside the span of the new level-"
                                + level
                                + " entry for "
                                + Hex.of(va)
                                + "; invalidate it ("
                                + cpu.architecture().tlbInstructions().pageInstructionName()
                                + ") after writing the invalid entry and before writing "
                                + Hex.of(raw));
            }
        }
        walk.write(level, raw);
    }

    private static boolean isValid(EntryKind kind) {
        return kind == EntryKind.TABLE || kind == EntryKind.LEAF;
    }

    /** A TLB entry of the current context overlapping [first, last], or -1. */
    private int staleSlot(long first, long last) {
        SimulatedTlb tlb = cpu.tlb();
        int tag = cpu.currentTag();
        for (int slot = 0; slot < tlb.capacity(); slot++) {
            if (!tlb.isValid(slot) || !(tlb.isGlobal(slot) || tlb.tag(slot) == tag)) {
                continue;
            }
            long base = tlb.base(slot);
            long end = base + tlb.size(slot) - 1;
            if (Long.compareUnsigned(base, last) <= 0 && Long.compareUnsigned(end, first) >= 0) {
                return slot;
            }
        }
        return -1;
    }
}
