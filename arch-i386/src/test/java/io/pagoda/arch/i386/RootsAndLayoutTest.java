package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CR3 layouts, geometries and the PAE layout. */
class RootsAndLayoutTest {

    @Test
    void legacyCr3() {
        TranslationRoot root =
                new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE).roots().get(0);
        assertEquals("CR3", root.registerName());
        assertEquals(
                0x0010_0000L,
                root.tableAddress(0x0010_0018L),
                "PWT/PCD and the ignored bits are not address");
        assertEquals(0, root.tag(0x0010_0018L));
        assertEquals(4096, root.rootAlignment());
        assertThrows(AddressSpaceTagException.class, () -> root.registerValue(0x0010_0000L, 1));
        assertThrows(MisalignedAddressException.class, () -> root.registerValue(0x0010_0800L, 0));
        assertNull(root.rootLoadFault(new SparseMemory(36), 0x0010_0000L));
        assertTrue(root.canonicalForm().isCanonical(0xFFFF_FFFFL));
        assertFalse(root.canonicalForm().isCanonical(0x1_0000_0000L));
    }

    @Test
    void geometries() {
        Geometry legacy = LegacyEntryFormat.GEOMETRY;
        assertEquals(32, legacy.virtualBits());
        assertEquals(List.of(0x1000L, 0x40_0000L), legacy.leafSizes());
        assertEquals(1024, legacy.entryCount(0));
        assertEquals(4, legacy.entrySize(1));
        Geometry pae = PaeEntryFormat.GEOMETRY;
        assertEquals(32, pae.virtualBits());
        assertEquals(List.of(0x1000L, 0x20_0000L), pae.leafSizes());
        assertEquals(4, pae.entryCount(0));
        assertEquals(512, pae.entryCount(1));
        assertEquals(8, pae.entrySize(0));
        assertFalse(pae.level(0).leafAllowed());
    }

    @Test
    void paeLayout() {
        AddressLayout layout = new PaeArchitecture().layout();
        assertEquals(0xC000_0000L, layout.kernelFirst());
        assertEquals(0xFFFF_FFFFL, layout.kernelLast());
        assertEquals(3, layout.kernelRootFirst());
        assertEquals(3, layout.kernelRootLast());
        assertFalse(layout.hasRecursiveSlot());
    }

    @Test
    void describePaeEntries() {
        PaeEntryFormat format = new PaeArchitecture().format();
        String text = format.describe(2, 0x8000_000F_EDCB_A063L);
        assertTrue(text.startsWith("PTE leaf 4 KiB @ 0xF_EDCB_A000"), text);
        assertTrue(text.contains("XD"), text);
        assertTrue(
                format.describe(0, 0x1003L).startsWith("PDPTE reserved"),
                format.describe(0, 0x1003L));
    }
}
