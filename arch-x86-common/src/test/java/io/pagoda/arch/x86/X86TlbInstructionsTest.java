package io.pagoda.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.testlib.RecordingTlbMaintenance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INVLPG, MOV CR3 and the CR4.PGE toggle, as the SDM Vol. 3A §4.10.4 states them, recorded by the
 * testlib's fake TLB ({@link RecordingTlbMaintenance}).
 */
class X86TlbInstructionsTest {

    @Test
    void protectedModeInvalidatesEveryAddress() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        X86TlbInstructions.PROTECTED_MODE.invalidatePage(fake, 0xFFFF_F000L, 0);
        X86TlbInstructions.PROTECTED_MODE.invalidateContext(fake, 0);
        X86TlbInstructions.PROTECTED_MODE.invalidateEverything(fake);
        assertEquals(
                List.of(
                        "dropPage fffff000 tag 0 anyTag false global true",
                        "dropTag 0 global false",
                        "dropAll"),
                fake.calls());
    }

    @Test
    void longModeInvlpgOfANonCanonicalAddressIsANop() {
        RecordingTlbMaintenance fake = new RecordingTlbMaintenance();
        // 4-level canonical form: bits 63:47 equal (hardware-formats.md §3); 0x0000800000000000 is
        // not canonical
        X86TlbInstructions longMode = X86TlbInstructions.longMode(CanonicalForm.signExtended(48));
        longMode.invalidatePage(fake, 0x0000_8000_0000_0000L, 3);
        longMode.invalidatePage(fake, 0xFFFF_8000_0000_0000L, 3);
        assertEquals(
                List.of("dropPage ffff800000000000 tag 3 anyTag false global true"), fake.calls());
        assertEquals("INVLPG", longMode.pageInstructionName());
        assertEquals("MOV CR3", longMode.contextInstructionName());
        assertEquals("MOV CR4 (toggle PGE)", longMode.everythingInstructionName());
    }
}
