package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.ElfIdentity;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * AArch64 VMSAv8-64 stage 1 in the EL1&amp;0 regime: TTBR0_EL1 translates the lower range {@code
 * [0, 2^va0)}, TTBR1_EL1 the upper range {@code [2^64 - 2^va1, 2^64)}; addresses in neither fault
 * (reported as non-canonical). Each root carries its own geometry and format, so the halves may
 * differ in granule and size when configured from TCR_EL1 ({@link Aarch64Provider#configure}).
 *
 * <p><b>Address spaces and the seed's inactive-hierarchy contract.</b> The kernel lives in the
 * upper range. Every address space owns only a TTBR0 hierarchy (its user part); the kernel's TTBR1
 * hierarchy is one for the whole system, loaded once, shared by every address space and never
 * copied. So the layout has no shared top-level entries ({@code kernelRootFirst/Last = -1}) and
 * {@code copyActiveKernelSpace} has nothing to copy: switching address spaces is loading TTBR0
 * (with the space's ASID), which leaves the kernel visible without any copy. Freeing an inactive
 * hierarchy frees only its TTBR0 tables and root, so it can never free a kernel table: those are
 * reached through TTBR1 only. There is no recursive slot; tables are reached physically or through
 * the direct map at the start of the TTBR1 range.
 */
public final class Aarch64Architecture implements Architecture {
    private final String name;
    private final Set<String> aliases;
    private final TranslationSetup setup;
    private final List<TranslationRoot> roots;
    private final AddressLayout layout;
    private final List<HardwareVector> vectors;
    private final boolean tbi0;
    private final boolean tbi1;

    Aarch64Architecture(String name, Set<String> aliases, TranslationSetup setup) {
        this(name, aliases, setup, false, false);
    }

    /** The variant's name without the TBI suffixes, so a reconfigured copy is named from it. */
    private final String baseName;

    /**
     * With TCR_EL1.TBI0 / TBI1: the top byte of addresses of that half is a tag the translation
     * ignores.
     */
    private Aarch64Architecture(
            String name, Set<String> aliases, TranslationSetup setup, boolean tbi0, boolean tbi1) {
        this.baseName = name;
        this.name = name + (tbi0 ? "-tbi0" : "") + (tbi1 ? "-tbi1" : "");
        this.aliases = Set.copyOf(aliases);
        this.setup = setup;
        this.tbi0 = tbi0;
        this.tbi1 = tbi1;
        CanonicalForm lower = CanonicalForm.lowerRange(setup.lower().vaBits());
        CanonicalForm upper = CanonicalForm.upperRange(setup.upper().vaBits());
        lower = tbi0 ? lower.withTopByteIgnored() : lower;
        upper = tbi1 ? upper.withTopByteIgnored() : upper;
        this.roots =
                List.of(
                        new TtbrRoot("TTBR0_EL1", setup.lower(), lower, setup),
                        new TtbrRoot("TTBR1_EL1", setup.upper(), upper, setup));
        long userLast = lower.virtual((1L << setup.lower().vaBits()) - 1);
        long kernelFirst = upper.virtual(0);
        this.layout = new AddressLayout(0, userLast, kernelFirst, -1L, -1, -1, -1, kernelFirst);
        this.vectors = ReferenceVectors.forSetup(setup);
    }

    /**
     * A variant for {@code setup}, named after it.
     *
     * @param setup the TCR_EL1 and MAIR_EL1 configuration
     * @return the variant, named {@link TranslationSetup#name()}
     */
    public static Aarch64Architecture of(TranslationSetup setup) {
        return new Aarch64Architecture(setup.name(), Set.of(), setup);
    }

    /**
     * The TCR_EL1 and MAIR_EL1 configuration this variant models.
     *
     * @return the setup
     */
    public TranslationSetup setup() {
        return setup;
    }

    /**
     * TTBR0_EL1 (index 0) or TTBR1_EL1 (index 1), typed.
     *
     * @param index 0 for TTBR0_EL1, 1 for TTBR1_EL1
     * @return the root
     * @throws IndexOutOfBoundsException when {@code index} is neither 0 nor 1
     */
    public TtbrRoot root(int index) {
        return (TtbrRoot) roots.get(index);
    }

    /**
     * The TCR_EL1 value that configures this variant (the fields this module reads).
     *
     * @return the TCR_EL1 value
     */
    public long controlRegister() {
        return TranslationControl.encode(setup);
    }

    /**
     * The MAIR_EL1 value the AttrIndx encodings select from.
     *
     * @return the MAIR_EL1 value
     */
    public long memoryAttributeRegister() {
        return setup.mair().value();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> aliases() {
        return aliases;
    }

    @Override
    public String description() {
        return "AArch64 VMSAv8-64 stage 1 (EL1&0): TTBR0 "
                + setup.lower()
                + ", TTBR1 "
                + setup.upper()
                + ", "
                + setup.physicalAddressBits()
                + "-bit PA"
                + (setup.largePhysicalAddress() ? " (FEAT_LPA)" : "")
                + (setup.lpa2() ? " (FEAT_LPA2, DS=1)" : "")
                + (setup.asidFromUpper() ? ", ASID from TTBR1 (A1)" : "")
                + (setup.mair().equals(MairLayout.DEFAULT) ? "" : ", " + setup.mair());
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    @Override
    public int physicalAddressBits() {
        return setup.physicalAddressBits();
    }

    @Override
    public AddressLayout layout() {
        return layout;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return TlbiInstructions.INSTANCE;
    }

    /** TTBR1_EL1 with TCR_EL1.A1 = 1, else TTBR0_EL1: the register whose [63:48] is the ASID. */
    @Override
    public int tagRootIndex() {
        return setup.asidFromUpper() ? 1 : 0;
    }

    /** 16-bit ASIDs (TCR_EL1.AS = 1). */
    @Override
    public int tagBits() {
        return 16;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return vectors;
    }

    /**
     * This variant configured from saved registers: TCR_EL1 first ({@link #withControlRegister}),
     * then MAIR_EL1 ({@link #withMemoryAttributes}).
     *
     * @throws IllegalArgumentException for a reserved or unmodelled TCR_EL1 setting or MAIR_EL1
     *     byte
     */
    Aarch64Architecture configured(VariantConfiguration configuration) {
        Aarch64Architecture configured = this;
        if (configuration.translationControl().isPresent()) {
            configured =
                    configured.withControlRegister(configuration.translationControl().getAsLong());
        }
        if (configuration.memoryAttributes().isPresent()) {
            configured =
                    configured.withMemoryAttributes(configuration.memoryAttributes().getAsLong());
        }
        return configured;
    }

    /**
     * The variant TCR_EL1 selects: T0SZ/TG0/EPD0/HPD0 for TTBR0, T1SZ/TG1/EPD1/HPD1 for TTBR1, IPS
     * for the PA size, DS (FEAT_LPA2), A1, TBI0/TBI1; this variant's MAIR_EL1 is kept.
     *
     * @throws IllegalArgumentException for reserved or unmodelled settings (see {@link
     *     TranslationControl})
     */
    private Aarch64Architecture withControlRegister(long tcr) {
        TranslationSetup decoded = TranslationControl.decode(tcr, setup.mair());
        return new Aarch64Architecture(
                decoded.name(),
                Set.of(),
                decoded,
                TranslationControl.topByteIgnored(tcr, 0),
                TranslationControl.topByteIgnored(tcr, 1));
    }

    /** TTBR0_EL1, TTBR1_EL1, TCR_EL1 and MAIR_EL1 ({@link Aarch64RootRegisters}). */
    @Override
    public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        return Aarch64RootRegisters.of(this, tbi0, tbi1, rootTables, settings);
    }

    /** EM_AARCH64 (183), ELFCLASS64. */
    @Override
    public ElfIdentity elfIdentity() {
        return new ElfIdentity(183, 64);
    }

    /**
     * This variant with memory types read from MAIR_EL1 = {@code mair} (byte n for AttrIndx n, Arm
     * ARM encodings; see {@link MairLayout}): a guest's own MAIR, so its normal memory reads as
     * such.
     *
     * @throws IllegalArgumentException when a byte of {@code mair} is UNPREDICTABLE or not modelled
     */
    private Aarch64Architecture withMemoryAttributes(long mair) {
        return new Aarch64Architecture(
                baseName, aliases, setup.withMair(MairLayout.of(mair)), tbi0, tbi1);
    }

    @Override
    public String toString() {
        return name;
    }

    /** {@link #controlRegister()} through the neutral SPI. */
    @Override
    public OptionalLong controlRegisterValue() {
        return OptionalLong.of(controlRegister());
    }
}
