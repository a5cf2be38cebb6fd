package io.pagoda.paging.spi;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One verified translation from the hardware reference: memory holding entries, a root register
 * value, a virtual address, and what the hardware does: a physical address with its meaning (leaf
 * size, rights for user and for kernel code, memory type, global), or a fault with its level.
 * Architecture modules ship them, worked out by hand from the manuals, never produced by their
 * encoders; the conformance kit walks each one with the hardware-like walker and runs it on the
 * simulated CPU, access type by access type.
 *
 * @param id the reference's name for it (e.g. "x86_64 4-level #2", "A3")
 * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
 * @param registerValue the raw root register (CR3, TTBRn) value
 * @param entries physical address to raw entry value, each written with its level's entry size
 * @param entrySize bytes per entry written (4 or 8)
 * @param virtualAddress the address translated
 * @param physicalAddress the expected result, or -1 when a fault is expected
 * @param fault the expected fault, or null when a physical address is expected
 * @param faultLevel the level (geometry level, 0 = top) the expected walk fault is raised at; -1
 *     before any entry (non-canonical, root load); {@link #ANY_LEVEL} when the vector does not say
 * @param meaning what the leaf means, or null when the vector states only the address
 * @param accessFaults accesses that must fault on the translated page, with the fault and level
 *     they raise
 * @param rewrites replacements of one of the vector's entries, each saying whether the architecture
 *     requires break-before-make for it
 * @param afterWrite entries as the hardware leaves them after one kernel write with accessed/dirty
 *     updates on (only the entries that change need be given); empty when not stated
 * @param retained the bits of the leaf that protect and split must keep ({@link
 *     EntryFormat#retainedBits}: protection keys, software bits, GP), or {@link #UNSTATED} when the
 *     vector does not say
 * @param tlbLine the leaf's line in QEMU's {@code info tlb} format ({@code
 *     io.pagoda.paging.image.TlbLineFormat}), or null when the vector does not state it
 */
public record HardwareVector(
        String id,
        int rootIndex,
        long registerValue,
        Map<Long, Long> entries,
        int entrySize,
        long virtualAddress,
        long physicalAddress,
        @Nullable FaultType fault,
        int faultLevel,
        @Nullable Meaning meaning,
        List<AccessFault> accessFaults,
        List<Rewrite> rewrites,
        Map<Long, Long> afterWrite,
        long retained,
        @Nullable String tlbLine) {

    /** {@link #faultLevel} when the vector does not state the level. */
    public static final int ANY_LEVEL = Integer.MIN_VALUE;

    /** {@link #retained} when the vector does not state it. */
    public static final long UNSTATED = -1L;

    /**
     * Checks the vector is consistent and copies its collections.
     *
     * @param id the reference's name for it
     * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
     * @param registerValue the raw root register value
     * @param entries physical address to raw entry value
     * @param entrySize bytes per entry written (4 or 8)
     * @param virtualAddress the address translated
     * @param physicalAddress the expected result, or -1 when a fault is expected
     * @param fault the expected fault, or null when a physical address is expected
     * @param faultLevel the level the expected walk fault is raised at, -1 or {@link #ANY_LEVEL}
     * @param meaning what the leaf means, or null
     * @param accessFaults accesses that must fault on the translated page
     * @param rewrites replacements of the vector's entries
     * @param afterWrite entries after one kernel write with accessed/dirty updates on
     * @param retained the leaf bits protect and split must keep, or {@link #UNSTATED}
     * @param tlbLine the leaf's {@code info tlb} line, or null
     * @throws IllegalArgumentException when both or neither of a physical address and a fault are
     *     given, or a faulting vector states a meaning, access faults or writes
     */
    public HardwareVector {
        Objects.requireNonNull(id, "id");
        entries = Map.copyOf(entries);
        accessFaults = List.copyOf(accessFaults);
        rewrites = List.copyOf(rewrites);
        afterWrite = Map.copyOf(afterWrite);
        if ((physicalAddress == -1) == (fault == null)) {
            throw new IllegalArgumentException(
                    "vector " + id + ": give either a physical address or a fault");
        }
        if (fault != null
                && (meaning != null || !accessFaults.isEmpty() || !afterWrite.isEmpty())) {
            throw new IllegalArgumentException(
                    "vector " + id + ": a faulting walk has no meaning, access faults or writes");
        }
    }

    /**
     * The vector as the reference gives it before meanings existed: an address or a fault, nothing
     * more.
     *
     * @param id the reference's name for it
     * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
     * @param registerValue the raw root register value
     * @param entries physical address to raw entry value
     * @param entrySize bytes per entry written (4 or 8)
     * @param virtualAddress the address translated
     * @param physicalAddress the expected result, or -1 when a fault is expected
     * @param fault the expected fault, or null when a physical address is expected
     * @throws IllegalArgumentException when both or neither of a physical address and a fault are
     *     given
     */
    public HardwareVector(
            String id,
            int rootIndex,
            long registerValue,
            Map<Long, Long> entries,
            int entrySize,
            long virtualAddress,
            long physicalAddress,
            @Nullable FaultType fault) {
        this(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                ANY_LEVEL,
                null,
                List.of(),
                List.of(),
                Map.of(),
                UNSTATED,
                null);
    }

    /**
     * A vector whose walk succeeds: {@code va} translates to {@code pa}.
     *
     * @param id the reference's name for it
     * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
     * @param register the raw root register value
     * @param entries physical address to raw entry value
     * @param entrySize bytes per entry written (4 or 8)
     * @param va the address translated
     * @param pa the physical address expected
     * @return the vector, with no meaning stated yet
     */
    public static HardwareVector translates(
            String id,
            int rootIndex,
            long register,
            Map<Long, Long> entries,
            int entrySize,
            long va,
            long pa) {
        return new HardwareVector(id, rootIndex, register, entries, entrySize, va, pa, null);
    }

    /**
     * A vector whose walk faults, at a level the vector does not state.
     *
     * @param id the reference's name for it
     * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
     * @param register the raw root register value
     * @param entries physical address to raw entry value
     * @param entrySize bytes per entry written (4 or 8)
     * @param va the address translated
     * @param fault the fault expected
     * @return the vector
     */
    public static HardwareVector faults(
            String id,
            int rootIndex,
            long register,
            Map<Long, Long> entries,
            int entrySize,
            long va,
            FaultType fault) {
        return new HardwareVector(id, rootIndex, register, entries, entrySize, va, -1, fault);
    }

    /**
     * A walk that faults at {@code level} (geometry level, 0 = top; -1 before any entry).
     *
     * @param id the reference's name for it
     * @param rootIndex which {@link Architecture#roots()} entry the register belongs to
     * @param register the raw root register value
     * @param entries physical address to raw entry value
     * @param entrySize bytes per entry written (4 or 8)
     * @param va the address translated
     * @param fault the fault expected
     * @param level the level the fault is raised at
     * @return the vector
     */
    public static HardwareVector faults(
            String id,
            int rootIndex,
            long register,
            Map<Long, Long> entries,
            int entrySize,
            long va,
            FaultType fault,
            int level) {
        return new HardwareVector(
                id, rootIndex, register, entries, entrySize, va, -1, fault, level, null, List.of(),
                List.of(), Map.of(), UNSTATED, null);
    }

    /**
     * This vector stating what its leaf means.
     *
     * @param size the leaf's span in bytes (4 KiB page, 2 MiB block ...)
     * @param level the geometry level of the leaf (0 = top)
     * @param user what user code (ring 3, EL0) may do, in {@code rwx} notation with '-' ("r-x",
     *     "---")
     * @param kernel what kernel code (ring 0, EL1) may do
     * @param memoryType the memory type the leaf selects
     * @param global whether the translation is global
     * @return a copy of this vector with the meaning set
     * @throws IllegalArgumentException when {@code user} or {@code kernel} is not three letters of
     *     r, w, x or '-'
     */
    public HardwareVector meaning(
            long size,
            int level,
            String user,
            String kernel,
            MemoryType memoryType,
            boolean global) {
        return withMeaning(
                new Meaning(size, level, rights(user), rights(kernel), memoryType, global));
    }

    /**
     * This vector with its leaf's meaning replaced.
     *
     * @param newMeaning what the leaf means
     * @return a copy of this vector with the meaning set
     */
    public HardwareVector withMeaning(Meaning newMeaning) {
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                newMeaning,
                accessFaults,
                rewrites,
                afterWrite,
                retained,
                tlbLine);
    }

    /**
     * This vector adding an access that must fault on its page: the fault and the level it is
     * raised at.
     *
     * @param user true for a user-mode access, false for a kernel one
     * @param access the kind of access
     * @param accessFault the fault the hardware raises
     * @param level the level the fault is raised at
     * @return a copy of this vector with the access fault added
     */
    public HardwareVector faultingOn(
            boolean user, Access access, FaultType accessFault, int level) {
        List<AccessFault> more = new ArrayList<>(accessFaults);
        more.add(new AccessFault(user, access, accessFault, level));
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                meaning,
                more,
                rewrites,
                afterWrite,
                retained,
                tlbLine);
    }

    /**
     * This vector adding the replacement of entry {@code entryAddress} (at {@code level}) by {@code
     * newValue}.
     *
     * @param what a short description of the change, for failure messages
     * @param level the level of the entry replaced
     * @param entryAddress the physical address of one of the vector's entries
     * @param newValue the raw entry written over it
     * @param needsBreakBeforeMake whether the architecture requires break-before-make for this
     *     replacement
     * @return a copy of this vector with the rewrite added
     * @throws IllegalArgumentException when the vector has no entry at {@code entryAddress}
     */
    public HardwareVector rewrite(
            String what,
            int level,
            long entryAddress,
            long newValue,
            boolean needsBreakBeforeMake) {
        if (!entries.containsKey(entryAddress)) {
            throw new IllegalArgumentException(
                    "vector " + id + " has no entry at 0x" + Long.toHexString(entryAddress));
        }
        List<Rewrite> more = new ArrayList<>(rewrites);
        more.add(new Rewrite(what, level, entryAddress, newValue, needsBreakBeforeMake));
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                meaning,
                accessFaults,
                more,
                afterWrite,
                retained,
                tlbLine);
    }

    /**
     * This vector stating the entries the hardware leaves after a kernel write with accessed/dirty
     * updates on.
     *
     * @param changed physical address to raw entry value, for the entries that change
     * @return a copy of this vector stating them
     */
    public HardwareVector afterWrite(Map<Long, Long> changed) {
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                meaning,
                accessFaults,
                rewrites,
                changed,
                retained,
                tlbLine);
    }

    /**
     * This vector stating which bits of its leaf (at {@code leafAddress}) protect and split must
     * keep.
     *
     * @param bits the leaf bits to keep
     * @return a copy of this vector stating them
     */
    public HardwareVector retains(long bits) {
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                meaning,
                accessFaults,
                rewrites,
                afterWrite,
                bits,
                tlbLine);
    }

    /**
     * This vector stating its leaf's {@code info tlb} line, worked out from QEMU's format.
     *
     * @param line the line, as QEMU prints it
     * @return a copy of this vector stating it
     */
    public HardwareVector tlbLine(String line) {
        return new HardwareVector(
                id,
                rootIndex,
                registerValue,
                entries,
                entrySize,
                virtualAddress,
                physicalAddress,
                fault,
                faultLevel,
                meaning,
                accessFaults,
                rewrites,
                afterWrite,
                retained,
                line);
    }

    /**
     * Whether the walk is expected to fault rather than translate.
     *
     * @return true when the vector states a fault
     */
    public boolean expectsFault() {
        return fault != null;
    }

    /**
     * Rights in {@code rwx} notation, without the user bit (who may use them is said by where they
     * are given).
     */
    private static MappingAccessRights rights(String rwx) {
        if (rwx.length() != 3 || rwx.indexOf('u') >= 0) {
            throw new IllegalArgumentException(
                    "rights '" + rwx + "': give three letters r, w, x or '-', e.g. \"r-x\"");
        }
        return MappingAccessRights.parse(rwx);
    }

    /** The kinds of access a vector states faults for. */
    public enum Access {
        /** A data read. */
        READ(MappingAccessRights.READABLE_BIT),
        /** A data write. */
        WRITE(MappingAccessRights.WRITABLE_BIT),
        /** An instruction fetch. */
        EXECUTE(MappingAccessRights.EXECUTABLE_BIT);

        private final int bit;

        Access(int bit) {
            this.bit = bit;
        }

        /**
         * The {@link MappingAccessRights} bit this access needs.
         *
         * @return one of {@link MappingAccessRights#READABLE_BIT}, {@link
         *     MappingAccessRights#WRITABLE_BIT} and {@link MappingAccessRights#EXECUTABLE_BIT}
         */
        public int bit() {
            return bit;
        }
    }

    /**
     * What a leaf means to the hardware.
     *
     * @param size the leaf's span in bytes (4 KiB page, 2 MiB block ...)
     * @param level the geometry level of the leaf (0 = top)
     * @param user rights of user code (R, W, X bits only; none for a supervisor page)
     * @param kernel rights of kernel code (R, W, X bits only)
     * @param memoryType the memory type the leaf selects
     * @param global whether the translation is global (survives a root switch in the TLB)
     */
    public record Meaning(
            long size,
            int level,
            MappingAccessRights user,
            MappingAccessRights kernel,
            MemoryType memoryType,
            boolean global) {
        /**
         * Checks that no part of the meaning is missing.
         *
         * @param size the leaf's span in bytes
         * @param level the geometry level of the leaf (0 = top)
         * @param user rights of user code
         * @param kernel rights of kernel code
         * @param memoryType the memory type the leaf selects
         * @param global whether the translation is global
         * @throws NullPointerException when {@code user}, {@code kernel} or {@code memoryType} is
         *     null
         */
        public Meaning {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(memoryType, "memoryType");
        }

        @Override
        public String toString() {
            return "size 0x"
                    + Long.toHexString(size)
                    + " at level "
                    + level
                    + ", user "
                    + rwx(user)
                    + ", kernel "
                    + rwx(kernel)
                    + ", "
                    + memoryType.name().toLowerCase(Locale.ROOT)
                    + (global ? ", global" : ", not global");
        }

        private static String rwx(MappingAccessRights rights) {
            return rights.toString().substring(0, 3);
        }
    }

    /**
     * An access the hardware refuses on the vector's page: who, which access, the fault and its
     * level.
     *
     * @param user true for a user-mode (ring 3, EL0) access, false for a kernel one
     * @param access the kind of access
     * @param fault the fault the hardware raises
     * @param level the geometry level the fault is raised at (0 = top)
     */
    public record AccessFault(boolean user, Access access, FaultType fault, int level) {
        @Override
        public String toString() {
            return (user ? "user " : "kernel ")
                    + access.name().toLowerCase(Locale.ROOT)
                    + " faults "
                    + fault
                    + " at level "
                    + level;
        }
    }

    /**
     * One entry of the vector replaced by another while live, and whether the architecture requires
     * break-before-make.
     *
     * @param what a short description of the change, for failure messages
     * @param level the geometry level of the entry replaced (0 = top)
     * @param entryAddress the physical address of the entry replaced
     * @param newValue the raw entry written over it
     * @param needsBreakBeforeMake whether the architecture requires an invalid entry and a TLB
     *     flush in between
     */
    public record Rewrite(
            String what,
            int level,
            long entryAddress,
            long newValue,
            boolean needsBreakBeforeMake) {}
}
