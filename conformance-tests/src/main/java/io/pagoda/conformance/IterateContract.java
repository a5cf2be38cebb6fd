package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.PageState;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Iteration reports the whole range in address order, without gaps or overlaps, with each piece's
 * true state.
 */
@Tag("iterate")
@ConformanceArea("iterate")
public interface IterateContract extends ConformanceSubject {

    /** Iteration reports every piece of a range in address order with its state. */
    @Test
    default void reportsEveryPieceInOrderWithItsState() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long start = places.va(places.leafTableBoundary() - 4 * page);
            long length = 8 * page;
            long pa = 0x60_0000L & -page;
            TableHierarchy tables = system.hierarchy(r);
            // expected, page by page: A P P G | P A G A across the boundary
            PageState[] expected = {
                PageState.AVAILABLE,
                PageState.PRESENT,
                PageState.PRESENT,
                PageState.GUARDED,
                PageState.PRESENT,
                PageState.AVAILABLE,
                PageState.GUARDED,
                PageState.AVAILABLE
            };
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] == PageState.PRESENT) {
                    tables.mapContiguous(
                            start + i * page,
                            pa + i * page,
                            page,
                            ExpressibleFlags.of(system.root(r)).typical(),
                            LeafSizePolicy.PAGES_ONLY);
                } else if (expected[i] == PageState.GUARDED) {
                    tables.guard(start + i * page, page);
                }
            }
            List<String> problems = new ArrayList<>();
            long[] cursor = {start};
            tables.forEveryEntry(
                    start,
                    length,
                    (va, len, state, physical, level, raw) -> {
                        if (va != cursor[0]) {
                            problems.add(
                                    "piece at "
                                            + Hex.of(va)
                                            + " but the previous one ended at "
                                            + Hex.of(cursor[0]));
                        }
                        for (long offset = 0; offset < len; offset += page) {
                            int index = (int) ((va + offset - start) / page);
                            if (index < 0 || index >= expected.length) {
                                problems.add(
                                        "piece "
                                                + Hex.of(va)
                                                + "+"
                                                + Hex.size(len)
                                                + " runs outside the requested range");
                                break;
                            }
                            if (state != expected[index]) {
                                problems.add(
                                        Hex.of(va + offset)
                                                + " reported "
                                                + state
                                                + ", expected "
                                                + expected[index]);
                            } else if (state == PageState.PRESENT
                                    && physical + offset != pa + index * page) {
                                problems.add(
                                        Hex.of(va + offset)
                                                + " reported at "
                                                + Hex.of(physical + offset)
                                                + ", expected "
                                                + Hex.of(pa + index * page));
                            }
                        }
                        cursor[0] = va + len;
                    });
            if (cursor[0] != start + length) {
                problems.add(
                        "the pieces end at "
                                + Hex.of(cursor[0])
                                + ", not at the end of the range "
                                + Hex.of(start + length));
            }
            check(problems.isEmpty(), () -> String.join("; ", problems));
        }
    }
}
