package io.pagoda.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.TlbMaintenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INVLPG, MOV CR3 and the CR4.PGE toggle, as the SDM Vol. 3A §4.10.4 states them, recorded by a
 * fake TLB.
 */
class X86TlbInstructionsTest {

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

    @Test
    void protectedModeInvalidatesEveryAddress() {
        RecordingTlb fake = new RecordingTlb();
        X86TlbInstructions.PROTECTED_MODE.invalidatePage(fake, 0xFFFF_F000L, 0);
        X86TlbInstructions.PROTECTED_MODE.invalidateContext(fake, 0);
        X86TlbInstructions.PROTECTED_MODE.invalidateEverything(fake);
        assertEquals(
                List.of(
                        "dropPage fffff000 tag 0 anyTag false global true",
                        "dropTag 0 global false",
                        "dropAll"),
                fake.calls);
    }

    @Test
    void longModeInvlpgOfANonCanonicalAddressIsANop() {
        RecordingTlb fake = new RecordingTlb();
        // 4-level canonical form: bits 63:47 equal (hardware-formats.md §3); 0x0000800000000000 is
        // not canonical
        X86TlbInstructions longMode = X86TlbInstructions.longMode(CanonicalForm.signExtended(48));
        longMode.invalidatePage(fake, 0x0000_8000_0000_0000L, 3);
        longMode.invalidatePage(fake, 0xFFFF_8000_0000_0000L, 3);
        assertEquals(
                List.of("dropPage ffff800000000000 tag 3 anyTag false global true"), fake.calls);
        assertEquals("INVLPG", longMode.pageInstructionName());
        assertEquals("MOV CR3", longMode.contextInstructionName());
        assertEquals("MOV CR4 (toggle PGE)", longMode.everythingInstructionName());
    }
}
