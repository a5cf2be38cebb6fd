package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.arch.x86.X86TlbInstructions;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.testlib.RecordingTlbMaintenance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INVLPG, MOV CR3 and the CR4.PGE toggle as TLB primitives, recorded by a fake TLB. */
class TlbInstructionsTest {

    private final TlbInstructions tlb = X86TlbInstructions.PROTECTED_MODE;

    @Test
    void invlpgDropsThePageGlobalOnesToo() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        tlb.invalidatePage(fake, 0xC012_3ABCL, 0);
        assertEquals(List.of("dropPage c0123abc tag 0 anyTag false global true"), fake.calls());
        assertEquals("INVLPG", tlb.pageInstructionName());
    }

    @Test
    void cr3ReloadDropsNonGlobalOnly() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        tlb.invalidateContext(fake, 0);
        assertEquals(List.of("dropTag 0 global false"), fake.calls());
        assertEquals("MOV CR3", tlb.contextInstructionName());
    }

    @Test
    void pgeToggleDropsEverything() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        tlb.invalidateEverything(fake);
        assertEquals(List.of("dropAll"), fake.calls());
        assertEquals("MOV CR4 (toggle PGE)", tlb.everythingInstructionName());
    }

    @Test
    void loadingCr3IsACr3Reload() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        tlb.onRootLoad(fake, 0, false);
        assertEquals(List.of("dropTag 0 global false"), fake.calls());
    }

    @Test
    void everyVariantUsesThem() {
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            assertEquals(X86TlbInstructions.PROTECTED_MODE, architecture.tlbInstructions());
            assertEquals(0, architecture.tagBits());
        }
    }
}
