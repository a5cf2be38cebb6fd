package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.arch.x86.X86TlbInstructions;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INVLPG, MOV CR3 and the CR4.PGE toggle as TLB primitives, recorded by a fake TLB. */
class TlbInstructionsTest {

    /** Records every primitive call as text. */
    private static final class RecordingTlb implements TlbMaintenance {
        final List<String> calls = new ArrayList<>();

        @Override
        public void dropPage(long va, int tag, boolean anyTag, boolean includeGlobal) {
            calls.add(
                    "dropPage "
                            + Long.toHexString(va)
                            + " tag "
                            + tag
                            + " anyTag "
                            + anyTag
                            + " global "
                            + includeGlobal);
        }

        @Override
        public void dropTag(int tag, boolean includeGlobal) {
            calls.add("dropTag " + tag + " global " + includeGlobal);
        }

        @Override
        public void dropAll() {
            calls.add("dropAll");
        }
    }

    private final TlbInstructions tlb = X86TlbInstructions.PROTECTED_MODE;

    @Test
    void invlpgDropsThePageGlobalOnesToo() {
        RecordingTlb fake = new RecordingTlb();
        tlb.invalidatePage(fake, 0xC012_3ABCL, 0);
        assertEquals(List.of("dropPage c0123abc tag 0 anyTag false global true"), fake.calls);
        assertEquals("INVLPG", tlb.pageInstructionName());
    }

    @Test
    void cr3ReloadDropsNonGlobalOnly() {
        RecordingTlb fake = new RecordingTlb();
        tlb.invalidateContext(fake, 0);
        assertEquals(List.of("dropTag 0 global false"), fake.calls);
        assertEquals("MOV CR3", tlb.contextInstructionName());
    }

    @Test
    void pgeToggleDropsEverything() {
        RecordingTlb fake = new RecordingTlb();
        tlb.invalidateEverything(fake);
        assertEquals(List.of("dropAll"), fake.calls);
        assertEquals("MOV CR4 (toggle PGE)", tlb.everythingInstructionName());
    }

    @Test
    void loadingCr3IsACr3Reload() {
        RecordingTlb fake = new RecordingTlb();
        tlb.onRootLoad(fake, 0, false);
        assertEquals(List.of("dropTag 0 global false"), fake.calls);
    }

    @Test
    void everyVariantUsesThem() {
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            assertEquals(X86TlbInstructions.PROTECTED_MODE, architecture.tlbInstructions());
            assertEquals(0, architecture.tagBits());
        }
    }
}
