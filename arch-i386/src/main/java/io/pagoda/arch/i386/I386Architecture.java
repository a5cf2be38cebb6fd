package io.pagoda.arch.i386;

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
import java.util.Set;

/**
 * i386 legacy 32-bit paging, the format the seed kernel ran on: a 1024-entry page directory (4 MiB
 * pages allowed, with PSE-36 high bits for a 36-bit physical width) over 1024-entry page tables of
 * 4 KiB pages, 4-byte entries, CR3[31:12] as root, no address-space tag, 32-bit virtual addresses.
 *
 * <p><b>Execute policy.</b> The format cannot say "not executable". Two variants make the choice
 * explicit instead of dropping the right silently, as the seed did:
 *
 * <ul>
 *   <li>{@code i386} ({@link ExecutePolicy#REFUSE_NON_EXECUTABLE}): a mapping without EXECUTABLE is
 *       refused with a {@link io.pagoda.paging.error.RightsNotExpressibleException} naming the
 *       alternatives;
 *   <li>{@code i386-widen-exec} ({@link ExecutePolicy#WIDEN_TO_EXECUTABLE}): it is mapped
 *       executable.
 * </ul>
 *
 * In both, entries and translations report the effective rights: EXECUTABLE is set on every present
 * page. Write-only and execute-only rights are refused by both (x86 pages are always readable).
 */
public final class I386Architecture implements Architecture {
    /** M' of PSE-36 and the physical width reported: 4 MiB pages reach 64 GiB. */
    public static final int PHYSICAL_ADDRESS_BITS = 36;

    private final ExecutePolicy policy;
    private final LegacyEntryFormat format;
    private final List<TranslationRoot> roots;

    /**
     * The legacy variant that follows {@code policy}, with PSE-36 at {@link
     * #PHYSICAL_ADDRESS_BITS}.
     *
     * @param policy what a mapping without EXECUTABLE gets; it also names the variant
     */
    public I386Architecture(ExecutePolicy policy) {
        this.policy = policy;
        this.format = new LegacyEntryFormat(policy, PHYSICAL_ADDRESS_BITS);
        this.roots = List.of(new LegacyCr3Root(format));
    }

    /**
     * What this variant does with a mapping requested without EXECUTABLE.
     *
     * @return the policy it was built with
     */
    public ExecutePolicy executePolicy() {
        return policy;
    }

    /**
     * The entry format of its one root, CR3.
     *
     * @return the legacy 32-bit format under this variant's policy
     */
    public LegacyEntryFormat format() {
        return format;
    }

    @Override
    public String name() {
        return policy.variantName();
    }

    @Override
    public Set<String> aliases() {
        return policy == ExecutePolicy.REFUSE_NON_EXECUTABLE
                ? Set.of("ia32", "i386-32bit")
                : Set.of("ia32-widen-exec");
    }

    @Override
    public String description() {
        return "i386 32-bit paging: 2 levels of 1024 4-byte entries, 4 KiB and 4 MiB (PSE-36) pages, no NX; "
                + (policy == ExecutePolicy.REFUSE_NON_EXECUTABLE
                        ? "mappings without EXECUTABLE are refused"
                        : "mappings without EXECUTABLE are widened to executable");
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    @Override
    public int physicalAddressBits() {
        return PHYSICAL_ADDRESS_BITS;
    }

    @Override
    public AddressLayout layout() {
        return I386Layouts.SEED;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return X86TlbInstructions.PROTECTED_MODE;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return I386HardwareVectors.legacy();
    }

    /** CR3, CR4, IA32_PAT and CR0 ({@link I386RootRegisters}). */
    @Override
    public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        return I386RootRegisters.of(name(), false, roots.get(0), rootTables, settings);
    }

    /** EM_386 (3); its relocatable objects are ELFCLASS32. */
    @Override
    public ElfIdentity elfIdentity() {
        return new ElfIdentity(3, 32);
    }

    @Override
    public String toString() {
        return name();
    }
}
