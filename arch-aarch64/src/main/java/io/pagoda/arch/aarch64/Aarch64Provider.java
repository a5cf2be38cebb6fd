package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The AArch64 variants: {@code aarch64} (4K granule, 48-bit VA, alias {@code aarch64-4k-48}),
 * {@code aarch64-<4k|16k|64k>-<39|42|47|48>} for the others (both halves alike, 48-bit PA), and
 * {@code aarch64-64k-48-lpa} (64K granule with FEAT_LPA, 52-bit PA), and {@code aarch64-4k-52} /
 * {@code aarch64-16k-52} (TCR_EL1.DS = 1, FEAT_LPA2: 52-bit VA and PA, 4K from level -1).
 */
public final class Aarch64Provider implements ArchitectureProvider {
    /** The VA sizes every granule is offered with. */
    static final int[] VA_SIZES = {39, 42, 47, 48};

    /**
     * Built on each call, not kept in a static field: every registry lookup gets variants its own
     * constructors made, so a broken constructor shows in the next lookup (and a mutation tester
     * sees it without a fresh JVM).
     */
    private static List<Architecture> build() {
        List<Architecture> all = new ArrayList<>();
        for (Granule granule : Granule.values()) {
            for (int vaBits : VA_SIZES) {
                TranslationSetup setup = TranslationSetup.symmetric(granule, vaBits);
                if (granule == Granule.FOUR_KIB && vaBits == 48) {
                    all.add(new Aarch64Architecture("aarch64", Set.of(setup.name()), setup));
                } else {
                    all.add(Aarch64Architecture.of(setup));
                }
            }
        }
        TranslationHalf lpaHalf = new TranslationHalf(Granule.SIXTY_FOUR_KIB, 48);
        all.add(Aarch64Architecture.of(new TranslationSetup(lpaHalf, lpaHalf, 52, true)));
        all.add(Aarch64Architecture.of(TranslationSetup.lpa2(Granule.FOUR_KIB, 52)));
        all.add(Aarch64Architecture.of(TranslationSetup.lpa2(Granule.SIXTEEN_KIB, 52)));
        return List.copyOf(all);
    }

    @Override
    public List<Architecture> architectures() {
        return build();
    }

    /**
     * EM_AARCH64. No {@code candidatesFrom}: QEMU's AArch64 notes (NT_PRSTATUS, FP/SVE state) hold
     * no system registers, so neither TTBRn_EL1 nor TCR_EL1 can be read from them; a core names its
     * tables only through Pagoda's own note, and otherwise {@code pagoda find-roots} proposes them.
     */
    @Override
    public Set<Integer> elfMachines() {
        return Set.of(183);
    }

    /**
     * Every {@link Aarch64Architecture}: the variants listed and those {@link #configure} made from
     * them, whose names follow the registers (e.g. {@code aarch64-16k-47-tbi0}).
     */
    @Override
    public boolean offers(Architecture variant) {
        return variant instanceof Aarch64Architecture;
    }

    /**
     * The variant TCR_EL1 selects (T0SZ/TG0/EPD0/HPD0 for TTBR0, T1SZ/TG1/EPD1/HPD1 for TTBR1, IPS
     * for the PA size, DS for FEAT_LPA2, A1, TBI0/TBI1; MAIR_EL1 kept), then reading memory types
     * from MAIR_EL1 (byte n for AttrIndx n); each register left out keeps what {@code variant} has.
     *
     * @throws IllegalArgumentException when {@code variant} is not an AArch64 variant, or for a
     *     reserved or unmodelled TCR_EL1 setting or MAIR_EL1 byte
     */
    @Override
    public Architecture configure(Architecture variant, VariantConfiguration configuration) {
        if (!(variant instanceof Aarch64Architecture aarch64)) {
            throw new IllegalArgumentException(
                    variant.name()
                            + " is not an AArch64 variant; configure it through the provider that"
                            + " offers it (Architectures.configure finds it)");
        }
        return aarch64.configured(configuration);
    }
}
