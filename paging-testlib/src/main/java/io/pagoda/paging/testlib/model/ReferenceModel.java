package io.pagoda.paging.testlib.model;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The flat reference: page address to (state, frame, flags), one entry per page, no tables, no
 * blocks. Expected values come from here, never from the code under test.
 */
public final class ReferenceModel {

    /**
     * What one page holds.
     *
     * @param state the page's state
     * @param pa the physical address it maps to; -1 for an available page
     * @param flags the mapping's flags; null for an available page
     */
    public record Page(PageState state, long pa, @Nullable MappingFlags flags) {}

    private static final Page AVAILABLE = new Page(PageState.AVAILABLE, -1, null);

    private final Map<Long, Page> pages = new HashMap<>();

    /**
     * What the page at {@code va} holds.
     *
     * @param va the page's virtual address
     * @return the page, available when never set
     */
    public Page page(long va) {
        return pages.getOrDefault(va, AVAILABLE);
    }

    /**
     * Sets what the page at {@code va} holds; an available page is forgotten.
     *
     * @param va the page's virtual address
     * @param page what it holds
     */
    public void set(long va, Page page) {
        if (page.state() == PageState.AVAILABLE) {
            pages.remove(va);
        } else {
            pages.put(va, page);
        }
    }

    /**
     * The number of pages that are not available.
     *
     * @return the count
     */
    public int size() {
        return pages.size();
    }
}
