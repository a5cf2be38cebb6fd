package io.pagoda.conformance.testarch;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import java.util.function.LongUnaryOperator;

/**
 * A real format with a bug built in, the way a third-party module could ship it. By default
 * everything is delegated through a bit permutation applied consistently on the way in and out (so
 * every round trip of the format with itself still holds and only vectors worked out by hand can
 * tell); subclasses override the function the bug lives in.
 */
public class BrokenFormat implements EntryFormat {
    protected final EntryFormat delegate;
    private final LongUnaryOperator swap;

    public BrokenFormat(EntryFormat delegate) {
        this(delegate, raw -> raw);
    }

    /**
     * The format with bits {@code a} and {@code b} exchanged in every raw value it reads or writes.
     */
    public static BrokenFormat swapping(EntryFormat delegate, int a, int b) {
        return new BrokenFormat(
                delegate,
                raw -> {
                    long bitA = (raw >>> a) & 1;
                    long bitB = (raw >>> b) & 1;
                    return bitA == bitB ? raw : raw ^ ((1L << a) | (1L << b));
                });
    }

    protected BrokenFormat(EntryFormat delegate, LongUnaryOperator swap) {
        this.delegate = delegate;
        this.swap = swap;
    }

    /** The delegate's levels: a bug here lives in the encoding, not in the shape. */
    @Override
    public Geometry geometry() {
        return delegate.geometry();
    }

    protected long in(long raw) {
        return swap.applyAsLong(raw);
    }

    @Override
    public EntryKind kind(int level, long raw) {
        return delegate.kind(level, in(raw));
    }

    @Override
    public long tableAddress(int level, long raw) {
        return delegate.tableAddress(level, in(raw));
    }

    @Override
    public long leafAddress(int level, long raw) {
        return delegate.leafAddress(level, in(raw));
    }

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        return in(delegate.tableEntry(level, tablePhysicalAddress));
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        return in(delegate.leafTemplate(level, flags));
    }

    @Override
    public long leafEntry(int level, long template, long physicalAddress) {
        return in(delegate.leafEntry(level, in(template), physicalAddress));
    }

    @Override
    public long guardEntry(int level) {
        return in(delegate.guardEntry(level));
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        return delegate.leafFlags(level, in(raw));
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        return delegate.tableRightsLimit(level, in(raw));
    }

    @Override
    public int combineRights(int leafRights, int tableLimit) {
        return delegate.combineRights(leafRights, tableLimit);
    }

    @Override
    public boolean kernelExecutesUserPages() {
        return delegate.kernelExecutesUserPages();
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        return delegate.isGlobal(level, in(raw));
    }

    @Override
    public boolean needsBreakBeforeMake(int level, long oldRaw, long newRaw) {
        return delegate.needsBreakBeforeMake(level, in(oldRaw), in(newRaw));
    }

    @Override
    public long leafAddressLimit(int level) {
        return delegate.leafAddressLimit(level);
    }

    @Override
    public long tableAddressLimit(int level) {
        return delegate.tableAddressLimit(level);
    }

    @Override
    public long retainedBits(int level, long raw) {
        return in(delegate.retainedBits(level, in(raw)));
    }

    @Override
    public long withAccessed(int level, long raw) {
        return in(delegate.withAccessed(level, in(raw)));
    }

    @Override
    public long withDirty(int level, long raw) {
        return in(delegate.withDirty(level, in(raw)));
    }

    @Override
    public String malformation(int level, long raw) {
        return delegate.malformation(level, in(raw));
    }

    @Override
    public String describe(int level, long raw) {
        return delegate.describe(level, in(raw));
    }
}
