package io.pagoda.paging.testlib.model;

import io.pagoda.paging.spi.TlbMaintenance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The kit's own small TLB: cached translations of whole leaves, tagged, some global. The
 * architecture's {@link io.pagoda.paging.spi.TlbInstructions} act on it through the {@link
 * TlbMaintenance} primitives, so the kit can check that an instruction drops what it must,
 * independently of the simulated MMU.
 */
public final class ReferenceTlb implements TlbMaintenance {

    /**
     * One cached leaf: {@code [base, base + size)} to {@code pa}, under {@code tag}.
     *
     * @param base the first virtual address the leaf covers
     * @param size the leaf's size in bytes
     * @param pa the physical address {@code base} translates to
     * @param tag the address-space tag (ASID, PCID) it was cached under
     * @param global whether it matches under every tag
     * @param rightsBits the rights the translation grants, as {@link
     *     io.pagoda.paging.MappingAccessRights} bits
     */
    public record Cached(long base, long size, long pa, int tag, boolean global, int rightsBits) {
        boolean holds(long va) {
            return Long.compareUnsigned(va - base, size) < 0;
        }
    }

    private final List<Cached> entries = new ArrayList<>();

    /**
     * Caches a translation, as a walk would.
     *
     * @param entry the translation
     */
    public void fill(Cached entry) {
        entries.add(entry);
    }

    /**
     * What the TLB holds.
     *
     * @return a copy of the entries, in fill order
     */
    public List<Cached> entries() {
        return List.copyOf(entries);
    }

    /**
     * The cached entry a lookup of {@code va} under {@code tag} would hit, or null.
     *
     * @param va the virtual address
     * @param tag the current tag
     * @return the entry, or null
     */
    public @Nullable Cached lookup(long va, int tag) {
        for (Cached entry : entries) {
            if (entry.holds(va) && (entry.global() || entry.tag() == tag)) {
                return entry;
            }
        }
        return null;
    }

    @Override
    public void dropPage(long va, int tag, boolean anyTag, boolean includeGlobal) {
        Iterator<Cached> it = entries.iterator();
        while (it.hasNext()) {
            Cached entry = it.next();
            if (entry.holds(va)
                    && (entry.global() ? includeGlobal : (anyTag || entry.tag() == tag))) {
                it.remove();
            }
        }
    }

    @Override
    public void dropTag(int tag, boolean includeGlobal) {
        entries.removeIf(entry -> entry.global() ? includeGlobal : entry.tag() == tag);
    }

    @Override
    public void dropAll() {
        entries.clear();
    }
}
