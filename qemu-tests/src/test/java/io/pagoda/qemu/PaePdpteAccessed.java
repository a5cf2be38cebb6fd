package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import io.pagoda.paging.image.ImageAccess;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.OptionalLong;

/**
 * Known difference, kept visible: QEMU's TCG walker (since its 2022 rewrite, so 7.2) sets the Accessed bit (5)
 * in the PAE page-directory-pointer entries it walks. A CPU does not (it loads the four PDPTEs into registers at
 * MOV CR3, and bits 8:5 of a PDPTE are reserved), and Linux writes them with P alone. Pagoda reads the dump as
 * the hardware would: such a PDPTE is reserved, so {@code inspect} skips its whole gigabyte with a warning and
 * {@code translate} answers unmapped. {@link #pinAndClear} checks that this is still what happens, then clears
 * the bit QEMU added in the core, so the rest of the comparison judges everything else.
 */
final class PaePdpteAccessed {
    private static final long PRESENT = 1;
    private static final long ACCESSED = 1L << 5;

    private PaePdpteAccessed() {
    }

    /** Returns how many PDPTEs carried QEMU's Accessed bit (and now do not). */
    static int pinAndClear(PagodaCli cli, Path core, long cr3, AgreementReport report) {
        long pdpt = cr3 & 0xFFFF_FFE0L;
        int accessed = 0;
        try (MappedImageMemory memory = MemoryImages.open(core, OptionalLong.empty())) {
            for (int i = 0; i < 4; i++) {
                long entry = memory.readLong(pdpt + 8L * i);
                if ((entry & PRESENT) != 0 && (entry & ACCESSED) != 0) {
                    accessed++;
                }
            }
        }
        if (accessed == 0) {
            return 0;                                      // QEMU no longer sets it: nothing to pin or undo
        }
        PagodaCli.Result raw = cli.inspect("qemu", core);
        report.expect(raw.status() == 0 && raw.err().contains("has reserved bits 0x20 set"),
                "PAE PDPTEs with QEMU's Accessed bit: pagoda no longer calls bit 5 reserved (exit " + raw.status() + ", stderr "
                        + raw.err().strip() + "); the known difference changed: drop PaePdpteAccessed and compare the core as QEMU wrote it");
        try {
            Files.setPosixFilePermissions(core, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + core + " writable to clear QEMU's PDPTE Accessed bits", e);
        }
        try (MappedImageMemory memory = MemoryImages.open(core, OptionalLong.empty(), ImageAccess.READ_WRITE)) {
            for (int i = 0; i < 4; i++) {
                long at = pdpt + 8L * i;
                long entry = memory.readLong(at);
                if ((entry & PRESENT) != 0 && (entry & ACCESSED) != 0) {
                    memory.writeLong(at, entry & ~ACCESSED);
                    System.out.println("[qemu] PDPTE " + i + " at " + hex(at) + " = " + hex(entry)
                            + ": cleared the Accessed bit QEMU's walker set");
                }
            }
        }
        return accessed;
    }
}
