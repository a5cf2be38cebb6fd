package io.pagoda.arch.i386;

import io.pagoda.paging.spi.AddressLayout;

/** The default operating-system layouts of the i386 variants. */
public final class I386Layouts {
    /**
     * The seed kernel's layout (SunriseOS on i386): user land 0x0020_0000..0xBFFF_FFFF (directory
     * entries 0..767; the first 2 MiB stay unmapped to catch null pointers), kernel land
     * 0xC000_0000..0xFFBF_FFFF (entries 768..1022, shared by every address space), and entry 1023
     * recursive, so the tables of the active hierarchy appear in 0xFFC0_0000..0xFFFF_FFFF
     * (paging-api's RecursiveTableAccess computes the window).
     */
    public static final AddressLayout SEED =
            new AddressLayout(
                    0x0020_0000L, 0xBFFF_FFFFL, 0xC000_0000L, 0xFFBF_FFFFL, 768, 1022, 1023, -1L);

    /**
     * PAE: the same 3 GiB / 1 GiB split, the kernel's quarter being PDPT entry 3 (its page
     * directory is shared by every address space, as Linux does). There is no recursive slot: a
     * 4-entry PDPT whose entries have a different format from directory entries cannot map itself.
     */
    public static final AddressLayout PAE =
            new AddressLayout(
                    0x0020_0000L, 0xBFFF_FFFFL, 0xC000_0000L, 0xFFFF_FFFFL, 3, 3, -1, -1L);

    private I386Layouts() {}
}
