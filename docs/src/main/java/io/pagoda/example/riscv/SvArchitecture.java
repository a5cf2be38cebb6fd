package io.pagoda.example.riscv;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RISC-V RV64 paging, Sv39 or Sv48: one satp root, sign-extended addresses, 56-bit physical
 * addresses, 16-bit ASIDs.
 */
public final class SvArchitecture implements Architecture {
    private final SvMode mode;
    private final List<TranslationRoot> roots;

    SvArchitecture(SvMode mode) {
        this.mode = mode;
        this.roots = List.of(new SatpRoot(mode));
    }

    @Override
    public String name() {
        return mode.variantName;
    }

    @Override
    public Set<String> aliases() {
        return Set.of(mode.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String description() {
        return "RISC-V "
                + (mode == SvMode.SV39 ? "Sv39: 3 levels, 39-bit" : "Sv48: 4 levels, 48-bit")
                + " virtual addresses, 4 KiB pages and superpages at every level";
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    @Override
    public int physicalAddressBits() {
        return 56;
    }

    /**
     * The lower half for users, the upper half for the kernel, whose root entries every address
     * space shares.
     */
    @Override
    public AddressLayout layout() {
        long half = 1L << (roots.get(0).geometry().virtualBits() - 1);
        return new AddressLayout(0, half - 1, -half, -1L, 256, 511, -1, -1);
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return new SfenceVma();
    }

    @Override
    public int tagBits() {
        return 16;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return mode == SvMode.SV39 ? SvVectors.sv39() : SvVectors.sv48();
    }
}
