package io.pagoda.paging.testlib;

import io.pagoda.paging.spi.TlbMaintenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fake TLB that records every primitive an architecture's {@link
 * io.pagoda.paging.spi.TlbInstructions} call, one line of text each, so a test states the exact
 * invalidations an instruction stands for (INVLPG drops one page of the current tag and global
 * entries, MOV CR3 drops a tag's non-global entries ...). The lines read {@code dropPage
 * ffff800012345678 tag 7 anyTag false global true}, {@code dropTag 42 global false} and {@code
 * dropAll}, with the address in lower-case hexadecimal without a prefix.
 */
public final class RecordingTlbMaintenance implements TlbMaintenance {
    private final List<String> calls = new ArrayList<>();

    /** An empty record. */
    public RecordingTlbMaintenance() {}

    @Override
    public void dropPage(long va, int tag, boolean anyTag, boolean includeGlobal) {
        calls.add(
                String.format(
                        Locale.ROOT,
                        "dropPage %x tag %d anyTag %b global %b",
                        va,
                        tag,
                        anyTag,
                        includeGlobal));
    }

    @Override
    public void dropTag(int tag, boolean includeGlobal) {
        calls.add("dropTag " + tag + " global " + includeGlobal);
    }

    @Override
    public void dropAll() {
        calls.add("dropAll");
    }

    /**
     * Every call recorded so far, in order.
     *
     * @return the calls, one line each, as a copy
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
