package io.pagoda.paging.spi;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;

/**
 * Pure functions between a raw entry and its meaning at a level (0 = top). Implementations are
 * stateless and bit-exact with the hardware; the algorithms never ask which format they run on.
 *
 * <p>The format is also where an architecture states its levels, once: {@link #geometry()} gives
 * each level's index shift and width, entry size, whether it may hold a leaf and its name, and
 * {@link TranslationRoot#geometry()} derives from it. A format that decides leaf levels or names
 * entries in its messages reads them from that geometry instead of writing them down a second time.
 */
public interface EntryFormat {

    /**
     * The levels this format encodes, top first: the one statement of the hierarchy's shape, which
     * {@link TranslationRoot#geometry()} returns by default. Every format states it (a root may
     * still override {@code TranslationRoot.geometry()}, but the format's is the one the format
     * itself reads its leaf levels and level names from).
     *
     * @return the levels, top first
     */
    Geometry geometry();

    /**
     * How the hardware reads {@code raw} at {@code level}.
     *
     * @param level the geometry level the entry is read at (0 = top)
     * @param raw the entry as stored in memory
     * @return table, leaf, not present, reserved or invalid, as the hardware walker sees it
     */
    EntryKind kind(int level, long raw);

    /**
     * The physical address of the next table, for a {@link EntryKind#TABLE} entry.
     *
     * @param level the level of the table entry
     * @param raw the table entry
     * @return the next table's physical address (the entry's address field, in bytes)
     */
    long tableAddress(int level, long raw);

    /**
     * The physical address of the page or block, for a {@link EntryKind#LEAF} entry.
     *
     * @param level the level of the leaf entry
     * @param raw the leaf entry
     * @return the physical address of the first byte of the page or block
     */
    long leafAddress(int level, long raw);

    /**
     * The entry linking a new next-level table. Intermediate entries are permissive; real rights
     * live in the leaves, as the seed did.
     *
     * @param level the level the entry is written at
     * @param tablePhysicalAddress the next table's physical address, aligned to the table size
     * @return the raw table entry
     */
    long tableEntry(int level, long tablePhysicalAddress);

    /**
     * The entry linking a table that only the kernel may reach through: the machine's own table
     * windows (the recursive slot, the temporary-mapping window), whose every alias is a page
     * table. Supervisor-only, and not executable where the format can say so in a table entry, so
     * no user access and no instruction fetch ever reaches a page table through it. By default
     * {@link #tableEntry} (a format without such bits).
     *
     * @param level the level the entry is written at
     * @param tablePhysicalAddress the linked table's physical address, aligned to the table size
     * @return the raw table entry, supervisor-only where the format can say so
     */
    default long kernelTableEntry(int level, long tablePhysicalAddress) {
        return tableEntry(level, tablePhysicalAddress);
    }

    /**
     * Every non-address bit of a leaf at {@code level} with these flags, computed once per
     * operation.
     *
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     the flags, or {@code level} holds no leaves (the geometry says so)
     * @param level the level the leaf is written at
     * @param flags the rights, memory type and global bit wanted
     * @return the leaf with every bit but the address field set as it will be written
     */
    long leafTemplate(int level, MappingFlags flags);

    /**
     * A leaf: the template of {@link #leafTemplate} with the frame address placed in its field.
     *
     * @param level the level the leaf is written at
     * @param template a value from {@link #leafTemplate} for the same level
     * @param physicalAddress the frame's physical address, aligned to the leaf size
     * @return the raw leaf entry
     */
    long leafEntry(int level, long template, long physicalAddress);

    /**
     * The guard marker: not present, no address bits, a software bit set.
     *
     * @param level the level the guard is written at
     * @return the raw guard entry, which the hardware reads as not present
     */
    long guardEntry(int level);

    /**
     * The flags a leaf carries by itself (before table-level restrictions).
     *
     * @param level the level of the leaf
     * @param raw the leaf entry
     * @return the rights, memory type and global bit the leaf's own bits say
     */
    MappingFlags leafFlags(int level, long raw);

    /**
     * The limit a walk starts from: every bit set, so formats may use bits above the four rights.
     */
    int NO_RESTRICTION = -1;

    /**
     * What a table entry leaves to everything below it, AND-ed over a walk (starting from {@link
     * #NO_RESTRICTION}) and applied to the leaf by {@link #combineRights}. The low four bits are
     * {@link MappingAccessRights} bits; a format may give higher bits its own meaning (AArch64:
     * execute allowed for user pages, for kernel pages). A table entry that restricts nothing
     * returns {@link #NO_RESTRICTION} or at least {@link MappingAccessRights#ALL_BITS}.
     *
     * @param level the level of the table entry
     * @param raw the table entry
     * @return the rights limit: {@link MappingAccessRights} bits in the low four, format-defined
     *     bits above
     */
    int tableRightsLimit(int level, long raw);

    /**
     * The effective rights of a leaf whose own rights are {@code leafRights} under the AND of its
     * tables' limits. By default the limit's four rights bits are AND-ed in (x86: R/W and U/S
     * AND-ed, NX OR-ed).
     *
     * @param leafRights the leaf's own {@link MappingAccessRights} bits
     * @param tableLimit the AND of {@link #tableRightsLimit} over the walk's table entries
     * @return the effective {@link MappingAccessRights} bits
     */
    default int combineRights(int leafRights, int tableLimit) {
        return leafRights & tableLimit & MappingAccessRights.ALL_BITS;
    }

    /**
     * Whether kernel code may execute a page that user code may access, given its effective rights
     * say executable (x86 without SMEP: yes; AArch64: no, EL1 never executes EL0 pages here, which
     * are written PXN and, when EL0-writable, are PXN by rule). The conformance kit derives kernel
     * rights from it.
     *
     * @return true when kernel code may execute user-accessible executable pages
     */
    default boolean kernelExecutesUserPages() {
        return true;
    }

    /**
     * Whether the leaf is global (survives a root switch in the TLB). False for every entry that is
     * not a leaf: the bit a leaf uses for it is ignored in a table entry (the conformance kit
     * checks this on every vector).
     *
     * @param level the level of the entry
     * @param raw the entry
     * @return true for a global leaf, false for a non-global leaf and for every other kind of entry
     */
    boolean isGlobal(int level, long raw);

    /**
     * Whether changing a live {@code oldRaw} into {@code newRaw} needs the entry invalidated and
     * flushed in between (AArch64 break-before-make). x86 never needs it.
     *
     * @param level the level of the entry
     * @param oldRaw the live entry
     * @param newRaw the entry that replaces it
     * @return true when the architecture requires an invalid entry and a TLB flush between the two
     *     writes
     */
    default boolean needsBreakBeforeMake(int level, long oldRaw, long newRaw) {
        return false;
    }

    /**
     * The first physical address a leaf at {@code level} cannot point to, when the format reaches
     * less than the architecture's physical width there (legacy i386: 4 KiB pages below 4 GiB, 4
     * MiB pages below 2^36). Checked before anything is written.
     *
     * @param level the level of the leaf
     * @return the exclusive upper bound of a leaf's physical address, in bytes
     */
    default long leafAddressLimit(int level) {
        return Long.MAX_VALUE;
    }

    /**
     * The first physical address a table linked from {@code level} cannot have (legacy i386: 4
     * GiB).
     *
     * @param level the level of the table entry
     * @return the exclusive upper bound of the linked table's physical address, in bytes
     */
    default long tableAddressLimit(int level) {
        return Long.MAX_VALUE;
    }

    /**
     * What a leaf written with {@code requested} reads back as: the flags the hardware will
     * actually apply (x86 DEVICE and UNCACHED may share a cache policy; i386 without NX makes every
     * page executable).
     *
     * @param level the level of the leaf
     * @param requested the flags asked for
     * @return the flags the hardware applies to such a leaf
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     {@code requested} at {@code level}
     */
    default MappingFlags effectiveFlags(int level, MappingFlags requested) {
        return leafFlags(level, leafEntry(level, leafTemplate(level, requested), 0));
    }

    /**
     * Bits of a live leaf that {@link MappingFlags} cannot carry but that must survive when the
     * leaf is rewritten by protect or split into smaller leaves (x86 protection keys, software
     * bits). OR-ed into the rewritten entry; 0 by default.
     *
     * @param level the level of the leaf
     * @param raw the live leaf
     * @return the bits of {@code raw} to carry into a rewritten or split leaf
     */
    default long retainedBits(int level, long raw) {
        return 0;
    }

    /**
     * The entry with the accessed flag the hardware walker sets when it uses the entry (x86 A, bit
     * 5); {@code raw} itself when the format has none or software manages it. Called by the
     * simulated CPU only when it models hardware accessed/dirty updates.
     *
     * @param level the level of the entry
     * @param raw the entry the walker used
     * @return the entry with its accessed flag set
     */
    default long withAccessed(int level, long raw) {
        return raw;
    }

    /**
     * The leaf with the dirty flag the hardware sets on the first write through it (x86 D, bit 6);
     * {@code raw} itself when the format has none. Must not change what {@link #leafFlags} reports.
     *
     * @param level the level of the leaf
     * @param raw the leaf written through
     * @return the leaf with its dirty flag set
     */
    default long withDirty(int level, long raw) {
        return raw;
    }

    /**
     * The reserved bits set in {@code raw} that the hardware checks only when the root register is
     * loaded, never on a walk: the entries it then holds in registers (i386 PAE's four PDPTEs,
     * loaded by MOV CR3). A memory image taken later can show such bits set after the load
     * succeeded (QEMU's walker sets Accessed in PAE PDPTEs); a reader that follows the CPU decodes
     * the entry with them cleared ({@link io.pagoda.paging.image.LoadedRoots}), a strict reader
     * refuses them. Asked for root-table entries (level 0). 0 by default: every reserved bit is
     * checked on each walk.
     *
     * @param level the level of the entry (0: the root table)
     * @param raw the entry
     * @return the reserved bits of {@code raw} checked only at the root load
     */
    default long loadCheckedBits(int level, long raw) {
        return 0;
    }

    /**
     * Why a {@link EntryKind#RESERVED} or {@link EntryKind#INVALID} entry is malformed, in a
     * sentence.
     *
     * @param level the level of the entry
     * @param raw the malformed entry
     * @return the reason, for exceptions and dumps
     */
    default String malformation(int level, long raw) {
        return "entry does not decode at this level";
    }

    /**
     * A one-line description of the entry for dumps: kind, address and the set bits by name.
     *
     * @param level the level of the entry
     * @param raw the entry
     * @return the description, without a trailing newline
     */
    String describe(int level, long raw);
}
