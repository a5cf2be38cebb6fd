package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLBI semantics as primitive TLB operations, seen through a recording fake. */
class TlbiInstructionsTest {
    private final List<String> calls = new ArrayList<>();
    private final TlbMaintenance tlb =
            new TlbMaintenance() {
                @Override
                public void dropPage(long va, int tag, boolean anyTag, boolean includeGlobal) {
                    calls.add(
                            "dropPage "
                                    + Long.toHexString(va)
                                    + " tag="
                                    + tag
                                    + " anyTag="
                                    + anyTag
                                    + " global="
                                    + includeGlobal);
                }

                @Override
                public void dropTag(int tag, boolean includeGlobal) {
                    calls.add("dropTag " + tag + " global=" + includeGlobal);
                }

                @Override
                public void dropAll() {
                    calls.add("dropAll");
                }
            };
    private final TlbInstructions tlbi = Variants.get("aarch64").tlbInstructions();

    @Test
    void vae1DropsThePageForTheAsidAndGlobalEntries() {
        tlbi.invalidatePage(tlb, 0xFFFF000000201000L, 42);
        assertEquals(List.of("dropPage ffff000000201000 tag=42 anyTag=false global=true"), calls);
        assertEquals("TLBI VAE1", tlbi.pageInstructionName());
    }

    @Test
    void aside1DropsTheAsidButKeepsGlobalEntries() {
        tlbi.invalidateContext(tlb, 7);
        assertEquals(List.of("dropTag 7 global=false"), calls);
        assertEquals("TLBI ASIDE1", tlbi.contextInstructionName());
    }

    @Test
    void vmalle1DropsEverything() {
        tlbi.invalidateEverything(tlb);
        assertEquals(List.of("dropAll"), calls);
        assertEquals("TLBI VMALLE1", tlbi.everythingInstructionName());
    }

    @Test
    void loadingATtbrWithAnAsidFlushesNothing() {
        tlbi.onRootLoad(tlb, 3, true);
        assertEquals(List.of(), calls);
    }
}
