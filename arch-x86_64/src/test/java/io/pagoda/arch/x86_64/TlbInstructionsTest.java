package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.testlib.RecordingTlbMaintenance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INVLPG, MOV CR3 and the CR4.PGE toggle as TLB primitives, recorded by a fake. */
class TlbInstructionsTest {

    private final TlbInstructions four = X86_64Architecture.fourLevel().tlbInstructions();
    private final TlbInstructions five = X86_64Architecture.fiveLevel().tlbInstructions();

    @Test
    void invlpgDropsThePageForTheCurrentPcidAndGlobalOnes() {
        RecordingTlbMaintenance tlb = new RecordingTlbMaintenance();
        four.invalidatePage(tlb, 0xFFFF800012345678L, 7);
        assertEquals(
                List.of("dropPage ffff800012345678 tag 7 anyTag false global true"), tlb.calls());
    }

    @Test
    void invlpgOfANonCanonicalAddressIsANop() {
        RecordingTlbMaintenance tlb = new RecordingTlbMaintenance();
        four.invalidatePage(tlb, 0x0000800000000000L, 0);
        assertEquals(List.of(), tlb.calls());
        five.invalidatePage(tlb, 0x0000800000000000L, 0); // canonical with LA57
        assertEquals(1, tlb.calls().size());
    }

    @Test
    void cr3ReloadDropsTheCurrentPcidsNonGlobalEntries() {
        RecordingTlbMaintenance tlb = new RecordingTlbMaintenance();
        four.invalidateContext(tlb, 42);
        assertEquals(List.of("dropTag 42 global false"), tlb.calls());
    }

    @Test
    void pgeToggleDropsEverything() {
        RecordingTlbMaintenance tlb = new RecordingTlbMaintenance();
        four.invalidateEverything(tlb);
        assertEquals(List.of("dropAll"), tlb.calls());
    }

    @Test
    void rootLoadsKeepTaggedEntriesAndFlushUntaggedOnes() {
        RecordingTlbMaintenance tlb = new RecordingTlbMaintenance();
        four.onRootLoad(tlb, 3, true);
        assertEquals(List.of(), tlb.calls());
        four.onRootLoad(tlb, 0, false);
        assertEquals(List.of("dropTag 0 global false"), tlb.calls());
    }

    @Test
    void instructionsAreNamed() {
        assertEquals("INVLPG", four.pageInstructionName());
        assertEquals("MOV CR3", four.contextInstructionName());
        assertEquals("MOV CR4 (toggle PGE)", four.everythingInstructionName());
    }
}
