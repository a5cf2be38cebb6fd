package io.pagoda.example.riscv;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;

/**
 * SFENCE.VMA as effects on a TLB. With rs1 = va and rs2 = x0 it drops the page's leaf translations
 * in every address space, global ones included (with rs2 = an ASID, global mappings would stay, so
 * a per-page flush that must also cover global pages uses x0). rs1 = x0, rs2 = ASID drops one
 * ASID's non-global entries; x0, x0 drops everything. Writing satp flushes nothing by itself.
 */
final class SfenceVma implements TlbInstructions {

    @Override
    public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
        tlb.dropPage(va, currentTag, true, true);
    }

    @Override
    public void invalidateContext(TlbMaintenance tlb, int currentTag) {
        tlb.dropTag(currentTag, false);
    }

    @Override
    public void invalidateEverything(TlbMaintenance tlb) {
        tlb.dropAll();
    }

    @Override
    public String pageInstructionName() {
        return "SFENCE.VMA va, x0";
    }

    @Override
    public String contextInstructionName() {
        return "SFENCE.VMA x0, asid";
    }

    @Override
    public String everythingInstructionName() {
        return "SFENCE.VMA x0, x0";
    }
}
