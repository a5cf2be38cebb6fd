package io.pagoda.arch.x86_64;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86TlbInstructions;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ElfIdentity;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One x86-64 paging variant: {@code x86_64} (4-level) or {@code x86_64-la57} (5-level), with
 * MAXPHYADDR 52, the SDM's power-on PAT layout (the x86 family's one memory-type mapping), PCIDs
 * and a Linux-like address layout. Immutable; the {@code with...} methods give variants with
 * another layout or PAT.
 */
public final class X86_64Architecture implements Architecture {
    /** MAXPHYADDR: the architectural maximum, so any real machine's addresses fit. */
    public static final int PHYSICAL_ADDRESS_BITS = 52;

    private final PagingMode mode;
    private final AddressLayout layout;
    private final X86_64EntryFormat format;
    private final Cr3Root root;
    private final X86TlbInstructions tlb;

    private X86_64Architecture(PagingMode mode, AddressLayout layout, PatLayout pat) {
        this.mode = mode;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.format = new X86_64EntryFormat(mode.levelCount(), PHYSICAL_ADDRESS_BITS, pat);
        this.root = new Cr3Root(format);
        this.tlb = X86TlbInstructions.longMode(root.canonicalForm());
    }

    /**
     * {@code x86_64}: 4-level paging with the default layout (recursive slot 511, direct map at
     * 0xFFFF888000000000).
     *
     * @return a new variant, under the power-on PAT
     */
    public static X86_64Architecture fourLevel() {
        return of(PagingMode.FOUR_LEVEL);
    }

    /**
     * {@code x86_64-la57}: 5-level paging with the default layout (recursive slot 511, direct map
     * at 0xFF11000000000000).
     *
     * @return a new variant, under the power-on PAT
     */
    public static X86_64Architecture fiveLevel() {
        return of(PagingMode.FIVE_LEVEL);
    }

    /**
     * The variant of {@code mode} with its default layout ({@link X86AddressLayouts#linuxLike}) and
     * the power-on PAT.
     *
     * @param mode 4-level or 5-level paging
     * @return a new variant
     */
    public static X86_64Architecture of(PagingMode mode) {
        // a layout and a PAT decoder per variant, not the shared constants: built on each provider
        // call, a mutated decoder shows (see the kit README)
        return new X86_64Architecture(
                mode, X86AddressLayouts.linuxLike(mode), new PatLayout(PatLayout.POWER_ON_MSR));
    }

    /**
     * This variant with the recursive slot at another top-level index; the direct map stays where
     * it was.
     *
     * @param slot 0, 255, 256 or 511, or -1 for no recursive slot
     * @return a new variant with that layout, the same mode and PAT
     * @throws IllegalArgumentException when {@code slot} is any other value (it would split a half
     *     in two)
     */
    public X86_64Architecture withRecursiveSlot(int slot) {
        return withLayout(
                X86AddressLayouts.of(
                        mode, slot, layout.hasDirectMap() ? layout.directMapBase() : -1));
    }

    /**
     * This variant with the direct map elsewhere; the recursive slot stays where it was.
     *
     * @param base the direct map's first virtual address, or -1 for no direct map
     * @return a new variant with that layout, the same mode and PAT
     * @throws IllegalArgumentException when {@code base} is not canonical in this mode
     */
    public X86_64Architecture withDirectMapBase(long base) {
        return withLayout(
                X86AddressLayouts.of(
                        mode, layout.hasRecursiveSlot() ? layout.recursiveSlot() : -1, base));
    }

    /**
     * This variant with a layout of the caller's own.
     *
     * @param newLayout the layout, taken as given
     * @return a new variant with that layout, the same mode and PAT
     * @throws NullPointerException when {@code newLayout} is null
     */
    public X86_64Architecture withLayout(AddressLayout newLayout) {
        return new X86_64Architecture(mode, newLayout, format.patLayout());
    }

    /**
     * This variant for an IA32_PAT programmed as {@code ia32Pat} (byte i = PAT type of index i):
     * memory types then map to other indices, and a type no entry selects is refused. Linux's
     * value, {@code 0x0407050600070106}, adds write-combining at index 1 (and moves write-through
     * to index 7).
     *
     * @param ia32Pat the raw IA32_PAT value
     * @return a new variant with that PAT, the same mode and layout
     * @throws IllegalArgumentException when a byte of {@code ia32Pat} holds a reserved encoding
     */
    public X86_64Architecture withPatMsr(long ia32Pat) {
        return new X86_64Architecture(mode, layout, new PatLayout(ia32Pat));
    }

    /**
     * The paging mode of this variant.
     *
     * @return 4-level or 5-level
     */
    public PagingMode mode() {
        return mode;
    }

    /**
     * The entry format of its one root, CR3.
     *
     * @return the format, with this variant's levels, MAXPHYADDR and PAT
     */
    public X86_64EntryFormat format() {
        return format;
    }

    /**
     * Its one root register.
     *
     * @return CR3, translating both canonical halves
     */
    public Cr3Root cr3() {
        return root;
    }

    @Override
    public String name() {
        return mode.architectureName();
    }

    @Override
    public Set<String> aliases() {
        return mode.aliases();
    }

    @Override
    public String description() {
        return mode.description();
    }

    @Override
    public List<TranslationRoot> roots() {
        return List.of(root);
    }

    /** CR3 translates both halves; anything else is non-canonical (#GP before any walk). */
    @Override
    public OptionalInt rootIndexFor(long va) {
        return root.canonicalForm().isCanonical(va) ? OptionalInt.of(0) : OptionalInt.empty();
    }

    @Override
    public int physicalAddressBits() {
        return PHYSICAL_ADDRESS_BITS;
    }

    @Override
    public AddressLayout layout() {
        return layout;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return tlb;
    }

    /** PCIDs: CR3[11:0]. */
    @Override
    public int tagBits() {
        return Cr3Root.PCID_BITS;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return mode == PagingMode.FOUR_LEVEL
                ? X86_64HardwareVectors.fourLevel()
                : X86_64HardwareVectors.fiveLevel();
    }

    /** CR3, CR4, EFER, IA32_PAT and CR0 for this mode ({@link X86_64RootRegisters}). */
    @Override
    public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        return X86_64RootRegisters.of(mode, root, format.patLayout(), rootTables, settings);
    }

    /** EM_X86_64 (62), ELFCLASS64. */
    @Override
    public ElfIdentity elfIdentity() {
        return new ElfIdentity(62, 64);
    }

    @Override
    public String toString() {
        return name() + " (" + description() + ")";
    }
}
