package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;

/**
 * A range of virtual space as an operation receives it, checked once where it enters the hierarchy
 * (non-empty, page-aligned, inside the translated range and canonical throughout) and then passed
 * down as its linear bounds.
 *
 * @param verb what the operation does, for messages ("map", "unmap", ...)
 * @param virtualStart the virtual address the caller gave
 * @param start its linear address
 * @param end the linear address one past the range
 */
record VirtualRange(String verb, long virtualStart, long start, long end) {

    static VirtualRange of(HierarchyContext h, String verb, long va, long length) {
        long page = h.geometry.pageSize();
        if (length == 0) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " with length 0: give a positive multiple of the page size "
                            + Hex.size(page));
        }
        requireAligned(va, "virtual address", page);
        if ((length & (page - 1)) != 0) {
            throw new MisalignedAddressException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + ": length "
                            + Hex.of(length)
                            + " is not a multiple of the page size "
                            + Hex.size(page)
                            + "; round it up to "
                            + Hex.of(alignUp(length, page)));
        }
        long start = h.canonical.linear(va);
        long span = h.geometry.linearSpan();
        if (length < 0 || length > span - start) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " + "
                            + Hex.of(length)
                            + ": the range runs past the end of the translated range "
                            + h.canonical.describeRanges()
                            + "; shorten it to at most "
                            + Hex.of(span - start));
        }
        long lastVa = va + length - 1;
        if (!h.canonical.isCanonical(lastVa) || h.canonical.linear(lastVa) != start + length - 1) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " + "
                            + Hex.of(length)
                            + ": the range crosses into non-canonical addresses (translated: "
                            + h.canonical.describeRanges()
                            + ")");
        }
        return new VirtualRange(verb, va, start, start + length);
    }

    long length() {
        return end - start;
    }

    /** Whether {@code [entryStart, entryStart + span)} lies inside the range whole. */
    boolean coversWhole(long entryStart, long span) {
        return start <= entryStart && end - entryStart >= span;
    }

    static void requireAligned(long value, String what, long page) {
        if ((value & (page - 1)) != 0) {
            throw new MisalignedAddressException(
                    what
                            + " "
                            + Hex.of(value)
                            + " is not aligned to the page size "
                            + Hex.size(page)
                            + "; align it down to "
                            + Hex.of(value & -page));
        }
    }

    /** {@code value} rounded up to {@code alignment}, or -1 when that overflows. */
    static long alignUp(long value, long alignment) {
        long aligned = (value + alignment - 1) & -alignment;
        return aligned < value ? -1 : aligned;
    }
}
