package io.pagoda.paging.image;

import io.pagoda.paging.spi.Architecture;

/**
 * One present leaf as a line of QEMU's monitor command {@code info tlb}, so a Pagoda dump can be
 * compared with QEMU's text by {@code diff}. An optional service, found with {@link
 * java.util.ServiceLoader} by architecture name (architecture modules provide it next to their
 * {@code ArchitectureProvider}); it lives in {@code paging-api} so that architecture modules, which
 * depend on nothing else, can implement it.
 *
 * <p>The shape, for every architecture: {@code %016x: %016x %c%c%c%c%c%c%c%c%c} — the leaf's
 * canonical virtual base, the entry as QEMU shows it (masked by the level's address mask, see
 * {@link QemuTlbLines#line}), and nine flag letters or {@code '-'}. QEMU prints exactly one line
 * per present leaf, large pages once with their base, walking tables in index order; {@code pagoda
 * inspect --format qemu} does the same.
 *
 * <ul>
 *   <li>x86 (QEMU {@code target/i386/monitor.c}): {@code X} NX, {@code G} global, {@code P} PS
 *       (cleared for last-level pages, where bit 7 is PAT), {@code D} dirty, {@code A} accessed,
 *       {@code C} PCD, {@code T} PWT, {@code U} user, {@code W} writable. Address masks: 32-bit
 *       paging 4 MiB {@code ~0x1FFFFF}, 4 KiB {@code ~0xFFF}; PAE 2 MiB {@code ~0xFFFFF}, 4 KiB
 *       {@code ~0xFFF} (both keep NX and the high bits, as QEMU does); 4/5-level 1 GiB {@code
 *       0x3FFFFC0000000}, 2 MiB {@code 0x3FFFFFFE00000}, 4 KiB {@code 0x3FFFFFFFFF000}. QEMU's
 *       {@code hwaddr} is 64 bits, so i386 lines use 16 digits too.
 *   <li>AArch64, which QEMU lacks, in the same shape: {@code X} UXN, {@code P} PXN, {@code B} block
 *       (a leaf above the last level), {@code D} DBM, {@code A} AF, {@code G} global (nG clear),
 *       {@code S} inner shareable (SH = 0b11), {@code U} EL0 access (AP[1]), {@code W} writable
 *       (AP[2] clear); the entry masked to its output address bits for the granule and level.
 * </ul>
 */
public interface TlbLineFormat {

    /**
     * Whether this formats the leaves of the named variant (its {@link Architecture#name()}).
     *
     * @param architectureName a variant's name
     * @return true when {@link #line} may be asked for that variant's leaves
     */
    boolean supports(String architectureName);

    /**
     * The line, without a line terminator, for the present leaf {@code rawEntry} at {@code level}
     * of root {@code rootIndex}, whose first virtual address (canonical) is {@code virtualAddress}.
     *
     * @param architecture the variant, one this format {@link #supports}
     * @param rootIndex the index in {@link Architecture#roots()} of the root the leaf is under
     * @param level the leaf's geometry level (0 = top)
     * @param virtualAddress the leaf's first virtual address, canonical
     * @param rawEntry the leaf entry
     * @return the line
     */
    String line(
            Architecture architecture,
            int rootIndex,
            int level,
            long virtualAddress,
            long rawEntry);
}
