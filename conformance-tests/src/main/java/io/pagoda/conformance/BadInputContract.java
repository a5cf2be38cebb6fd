package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.InvalidRangeException;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MisalignedAddressException;
import io.pagoda.paging.NonCanonicalAddressException;
import io.pagoda.paging.PagingException;
import io.pagoda.paging.PhysicalAddressException;
import io.pagoda.paging.RightsNotExpressibleException;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bad arguments are refused with the right exception, a message naming the address, and no change at all. */
@Tag("bad-input")
@ConformanceArea("bad-input")
public interface BadInputContract extends ConformanceSubject {

    @Test
    default void refusesMisalignedAndEmptyRanges() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long va = places.va(places.topBoundary());
            MisalignedAddressException misaligned = Checks.refused(system, MisalignedAddressException.class, "a misaligned address",
                    () -> tables.mapContiguous(va + 8, 0, page, flags, LeafSizePolicy.PAGES_ONLY));
            check(misaligned.getMessage().contains(Hex.of(va + 8)), () -> "the message must name the address: " + misaligned.getMessage());
            Checks.refused(system, MisalignedAddressException.class, "a misaligned length", () -> tables.guard(va, page + 1));
            Checks.refused(system, MisalignedAddressException.class, "a misaligned frame",
                    () -> tables.mapContiguous(va, 0x1000_0000L + 8, page, flags, LeafSizePolicy.PAGES_ONLY));
            Checks.refused(system, InvalidRangeException.class, "a zero length", () -> tables.unmap(va, 0, UnmapCallback.NONE));
            Checks.refused(system, InvalidRangeException.class, "a negative length", () -> tables.guard(va, -page));
            Checks.refused(system, InvalidRangeException.class, "a range past the end of the space",
                    () -> tables.guard(places.va(places.lastPage()), 2 * page));
        }
    }

    @Test
    default void refusesNonCanonicalAddresses() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long outside = places.va(places.lastPage()) + page;
            if (system.root(r).canonicalForm().isCanonical(outside)) {
                outside = 1L << (system.root(r).canonicalForm().bits() - 1);
            }
            if (system.root(r).canonicalForm().isCanonical(outside)) {
                continue;
            }
            long address = outside;
            TableHierarchy tables = system.hierarchy(r);
            NonCanonicalAddressException e = Checks.refused(system, NonCanonicalAddressException.class,
                    "a non-canonical address " + Hex.of(address), () -> tables.guard(address, page));
            check(e.getMessage().contains(Hex.of(address)), () -> "the message must name the address: " + e.getMessage());
        }
    }

    @Test
    default void refusesFramesPastThePhysicalWidth() {
        PagingSystem system = newSystem();
        int bits = system.architecture().physicalAddressBits();
        if (bits >= 63) {
            return;
        }
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            Checks.refused(system, PhysicalAddressException.class, "a frame past the physical width",
                    () -> tables.mapContiguous(places.va(places.topBoundary()), 1L << bits, page, flags, LeafSizePolicy.PAGES_ONLY));
        }
    }

    @Test
    default void refusesRightsItCannotExpress() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.topBoundary());
            Checks.refused(system, RightsNotExpressibleException.class, "a mapping with no rights",
                    () -> tables.mapContiguous(va, 0, page, MappingFlags.of(MappingAccessRights.NONE), LeafSizePolicy.PAGES_ONLY));
            java.util.List<MappingFlags> expressible = ExpressibleFlags.of(system.root(r)).all();
            for (MappingAccessRights rights : MappingAccessRights.all()) {
                MappingFlags flags = MappingFlags.of(rights);
                if (rights.bits() == 0 || expressible.contains(flags)) {
                    continue;
                }
                // refused, or expressed at some level and not others; never silently changed
                PagingSystem.Snapshot before = system.snapshot();
                try {
                    tables.mapContiguous(va, 0, page, flags, LeafSizePolicy.PAGES_ONLY);
                    MappingFlags got = tables.translate(va).flags();
                    check(got.rights().contains(rights) && got.global() == flags.global(),
                            () -> "mapped with " + flags + " but the page reads back " + got + ": refuse instead of dropping");
                    tables.unmap(va, page, UnmapCallback.NONE);
                } catch (RightsNotExpressibleException e) {
                    check(system.differenceFrom(before) == null, () -> "a refused map changed the tables");
                    check(e.getMessage() != null && !e.getMessage().isBlank(), () -> "the refusal has no message");
                } catch (PagingException e) {
                    throw new AssertionError("mapping with " + flags + " threw " + e + " instead of RightsNotExpressibleException", e);
                }
            }
        }
    }
}
