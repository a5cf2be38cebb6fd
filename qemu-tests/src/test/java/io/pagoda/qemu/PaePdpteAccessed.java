package io.pagoda.qemu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * QEMU's TCG walker (since its 2022 rewrite, so 7.2) sets the Accessed bit (5) in the PAE
 * page-directory-pointer entries it walks, a bit Intel reserves there. A CPU checks PDPTE reserved
 * bits only when MOV CR3 loads them into registers and never re-reads them, so a core taken later
 * shows bits set after a load that succeeded. Pagoda reads such a core as the loaded CPU holds it:
 * {@code inspect} and {@code translate} follow the PDPTEs as QEMU does, with one warning line
 * naming each entry and its bits, and {@code --strict} refuses them (exit 4). {@link #check} pins
 * both on the core exactly as QEMU wrote it (nothing is cleared), and makes {@code cli} accept
 * exactly that warning.
 */
final class PaePdpteAccessed {
    private static final long PRESENT = 1;

    /**
     * PDPTE bits 8:5 and 2:1, checked only by the CR3 load (hardware-formats.md §2's mask
     * 0xFFF00000000001E6, low part).
     */
    private static final long LOAD_CHECKED = 0x1E6;

    private static final int STRICT_REFUSED = 4;

    private PaePdpteAccessed() {}

    /**
     * Returns how many PDPTEs carry load-checked bits (QEMU's Accessed); 0 leaves {@code cli}
     * expecting a clean stderr.
     */
    static int check(PagodaCli cli, Path core, long cr3, long someAddress, AgreementReport report) {
        long pdpt = cr3 & 0xFFFF_FFE0L;
        List<String> entries = new ArrayList<>();
        try (MappedImageMemory memory = MemoryImages.open(core, OptionalLong.empty())) {
            for (int i = 0; i < 4; i++) {
                long at = pdpt + 8L * i;
                long entry = memory.readLong(at);
                if ((entry & PRESENT) != 0 && (entry & LOAD_CHECKED) != 0) {
                    entries.add(
                            "CR3 entry "
                                    + i
                                    + " at "
                                    + Hex.of(at)
                                    + " = "
                                    + Hex.of(entry)
                                    + " (bits "
                                    + Hex.of(entry & LOAD_CHECKED)
                                    + ")");
                }
            }
        }
        if (entries.isEmpty()) {
            System.out.println(
                    "[qemu] PAE: no PDPTE at "
                            + Hex.of(pdpt)
                            + " carries a load-checked bit (QEMU set no Accessed bit)");
            return 0;
        }
        cli.acceptStderr(
                err ->
                        err.lines().count() == 1
                                && err.startsWith("pagoda: warning: ")
                                && entries.stream().allMatch(err::contains)
                                && err.contains("--strict refuses"));
        PagodaCli.Result warned = cli.inspect("qemu", core);
        report.expect(
                warned.status() == 0 && cli.stderrAccepted(warned.err()),
                "pagoda inspect on PDPTEs "
                        + entries
                        + ": exit "
                        + warned.status()
                        + ", stderr '"
                        + warned.err().strip()
                        + "' (wanted one warning naming each entry)");
        PagodaCli.Result strictInspect = cli.strict().inspect("qemu", core);
        PagodaCli.Result strictTranslate = cli.strict().translateRaw(core, someAddress);
        for (PagodaCli.Result strict : List.of(strictInspect, strictTranslate)) {
            report.expect(
                    strict.status() == STRICT_REFUSED
                            && strict.out().isEmpty()
                            && strict.err().lines().count() == 1
                            && strict.err().startsWith("pagoda: --strict: ")
                            && entries.stream().allMatch(strict.err()::contains),
                    "pagoda "
                            + String.join(" ", strict.arguments())
                            + ": exit "
                            + strict.status()
                            + ", stderr '"
                            + strict.err().strip()
                            + "' (wanted exit 4 naming "
                            + entries
                            + ")");
        }
        System.out.println(
                "[qemu] PAE: "
                        + entries.size()
                        + " PDPTE(s) with QEMU's Accessed bit, followed with one warning,"
                        + " refused by --strict (exit 4): "
                        + entries);
        return entries.size();
    }
}
