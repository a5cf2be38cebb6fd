package io.pagoda.paging.export;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * What can be said of a layout before any table is built: alignment, widths, canonical ranges, leaf
 * caps and overlaps. The first problem found is thrown as a {@link LayoutException}.
 */
final class LayoutCheck {
    private LayoutCheck() {}

    static void check(BootLayout layout, long page) {
        Architecture architecture = layout.architecture();
        int physicalBits = architecture.physicalAddressBits();
        long physicalLimit = physicalBits >= 63 ? Long.MAX_VALUE : 1L << physicalBits;
        if ((layout.base() & (page - 1)) != 0
                || layout.base() < 0
                || layout.base() >= physicalLimit) {
            throw new LayoutException(
                    -1,
                    "",
                    "base",
                    Hex.of(layout.base())
                            + " is not a "
                            + Hex.size(page)
                            + "-aligned physical address below "
                            + Hex.of(physicalLimit)
                            + "; align it to the page size");
        }
        if (layout.tableSpace() < page
                || (layout.tableSpace() & (page - 1)) != 0
                || layout.tableSpace() > physicalLimit - layout.base()) {
            throw new LayoutException(
                    -1,
                    "",
                    "table-space",
                    Hex.of(layout.tableSpace())
                            + " is not a positive multiple of "
                            + Hex.size(page)
                            + " that fits above the base; give one such as 0x100000");
        }
        List<BootMapping> mappings = layout.mappings();
        for (int i = 0; i < mappings.size(); i++) {
            checkOne(architecture, i, mappings.get(i), page, physicalLimit);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> mappings.get(i).virtualStart() ^ Long.MIN_VALUE));
        for (int k = 1; k < order.size(); k++) {
            BootMapping before = mappings.get(order.get(k - 1));
            BootMapping after = mappings.get(order.get(k));
            if (Long.compareUnsigned(after.virtualStart(), before.virtualLast()) <= 0) {
                int later = Math.max(order.get(k - 1), order.get(k));
                int other = Math.min(order.get(k - 1), order.get(k));
                BootMapping at = mappings.get(later);
                throw new LayoutException(
                        later,
                        at.name(),
                        "virtual",
                        Hex.of(at.virtualStart())
                                + " + "
                                + Hex.size(at.size())
                                + " overlaps mapping "
                                + other
                                + " ("
                                + Hex.of(mappings.get(other).virtualStart())
                                + " + "
                                + Hex.size(mappings.get(other).size())
                                + "); give each virtual range once");
            }
        }
    }

    private static void checkOne(
            Architecture architecture, int index, BootMapping m, long page, long physicalLimit) {
        String name = m.name();
        if (m.size() <= 0 || (m.size() & (page - 1)) != 0) {
            throw new LayoutException(
                    index,
                    name,
                    "size",
                    Hex.of(m.size())
                            + " is not a positive multiple of the page size "
                            + Hex.size(page));
        }
        if ((m.virtualStart() & (page - 1)) != 0) {
            throw new LayoutException(
                    index,
                    name,
                    "virtual",
                    Hex.of(m.virtualStart())
                            + " is not aligned to the page size "
                            + Hex.size(page));
        }
        if (Long.compareUnsigned(m.virtualLast(), m.virtualStart()) < 0) {
            throw new LayoutException(
                    index,
                    name,
                    "size",
                    Hex.of(m.virtualStart())
                            + " + "
                            + Hex.size(m.size())
                            + " runs past the top of the address space");
        }
        OptionalInt first = architecture.rootIndexFor(m.virtualStart());
        if (first.isEmpty() || !first.equals(architecture.rootIndexFor(m.virtualLast()))) {
            throw new LayoutException(
                    index,
                    name,
                    "virtual",
                    Hex.of(m.virtualStart())
                            + ".."
                            + Hex.of(m.virtualLast())
                            + " is not inside one translated range of "
                            + architecture.name()
                            + " ("
                            + ranges(architecture)
                            + ")");
        }
        int root = first.getAsInt();
        TranslationRoot translating = architecture.roots().get(root);
        List<Long> leafSizes = translating.geometry().leafSizes();
        if (m.largestLeaf() != 0 && !leafSizes.contains(m.largestLeaf())) {
            throw new LayoutException(
                    index,
                    name,
                    "max-leaf",
                    Hex.size(m.largestLeaf())
                            + " is not a leaf size of "
                            + architecture.name()
                            + "; use one of "
                            + sizes(leafSizes));
        }
        if (m.guard()) {
            return;
        }
        long physical = m.physical();
        String field = m.isIdentity() ? "physical (identity)" : "physical";
        if ((physical & (page - 1)) != 0) {
            throw new LayoutException(
                    index,
                    name,
                    field,
                    Hex.of(physical) + " is not aligned to the page size " + Hex.size(page));
        }
        if (physical < 0 || physical >= physicalLimit || m.size() > physicalLimit - physical) {
            throw new LayoutException(
                    index,
                    name,
                    field,
                    Hex.of(physical)
                            + " + "
                            + Hex.size(m.size())
                            + " ends past the "
                            + architecture.physicalAddressBits()
                            + "-bit physical address width of "
                            + architecture.name());
        }
    }

    private static String ranges(Architecture architecture) {
        List<String> parts = new ArrayList<>();
        for (TranslationRoot root : architecture.roots()) {
            parts.add(root.registerName() + " " + root.canonicalForm().describeRanges());
        }
        return String.join("; ", parts);
    }

    private static String sizes(List<Long> sizes) {
        List<String> parts = new ArrayList<>();
        sizes.forEach(s -> parts.add(Hex.size(s)));
        return String.join(", ", parts);
    }
}
