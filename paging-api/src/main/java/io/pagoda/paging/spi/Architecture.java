package io.pagoda.paging.spi;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One paging variant an architecture module offers (x86_64, x86_64-la57, i386-pae, aarch64-16k-47
 * ...): everything that differs per machine. Found at run time through {@link ArchitectureProvider}
 * and {@link io.pagoda.paging.registry.Architectures}; the algorithms never ask which one they run
 * on. A variant is immutable: one configured from saved registers is another variant, made by its
 * provider ({@link ArchitectureProvider#configure}). A view that changes part of a variant extends
 * {@link ForwardingArchitecture}.
 */
public interface Architecture {

    /**
     * The unique name users select it by, lower case: {@code x86_64}, {@code i386-pae}, {@code
     * aarch64}.
     *
     * @return the name, unique among the architectures found
     */
    String name();

    /**
     * Other names it answers to.
     *
     * @return the aliases, empty by default
     */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * A sentence for listings.
     *
     * @return the description, one sentence
     */
    String description();

    /**
     * The roots, in the order the hardware selects them (AArch64: TTBR0 then TTBR1).
     *
     * @return the roots, one per root register
     */
    List<TranslationRoot> roots();

    /**
     * The root that translates {@code va}: the first whose canonical form accepts it.
     *
     * @param va the virtual address
     * @return the index in {@link #roots()}; empty when no root translates {@code va} (a
     *     non-canonical address)
     */
    default OptionalInt rootIndexFor(long va) {
        List<TranslationRoot> roots = roots();
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).canonicalForm().isCanonical(va)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The width of physical addresses (x86 MAXPHYADDR, AArch64 PA size).
     *
     * @return the number of physical address bits
     */
    int physicalAddressBits();

    /**
     * The default operating-system layout.
     *
     * @return the layout: user range, kernel range, direct map and recursive slot
     */
    AddressLayout layout();

    /**
     * The invalidation instructions the simulated TLB runs.
     *
     * @return the architecture's TLB invalidation instructions
     */
    TlbInstructions tlbInstructions();

    /**
     * Bits of the address-space tag (PCID 12, ASID 16), 0 when the architecture has none.
     *
     * @return the tag width in bits, 0 without tags
     */
    default int tagBits() {
        return 0;
    }

    /**
     * Verified translations from the hardware reference, run by the conformance kit.
     *
     * @return the vectors, empty by default
     */
    default List<HardwareVector> hardwareVectors() {
        return List.of();
    }

    /**
     * The register values that make a CPU translate with root tables {@code rootTables} (one
     * physical address per {@link #roots() root}, in the same order): the root registers with their
     * tag and cache bits, then whatever control registers the tables need set to mean what they say
     * (x86: CR4, EFER, CR0; AArch64: TCR_EL1, MAIR_EL1). Each architecture encodes its own
     * registers; this default gives the root registers only.
     *
     * @throws IllegalArgumentException when the number of tables does not match the roots, or a
     *     setting is not expressible on this architecture
     * @param rootTables the root tables' physical addresses, one per root
     * @param settings the tag and cache settings of the root registers
     * @return the register values, root registers first
     */
    default RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        List<TranslationRoot> roots = roots();
        if (rootTables.length != roots.size()) {
            throw new IllegalArgumentException(
                    name()
                            + " has "
                            + roots.size()
                            + " root registers but "
                            + rootTables.length
                            + " root tables were given; give one table per root");
        }
        if (settings.uncachedWalks() || settings.commonNotPrivate()) {
            throw new IllegalArgumentException(
                    name()
                            + " states no cache or sharing bits for its root registers; use RootSettings.DEFAULT");
        }
        List<RegisterValue> values = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            TranslationRoot root = roots.get(i);
            values.add(
                    new RegisterValue(
                            root.registerName(),
                            i == 0 ? RegisterRole.ROOT : RegisterRole.ROOT_UPPER,
                            root.registerValue(rootTables[i], settings.tag()),
                            "root table and tag"));
        }
        return new RootRegisters(values);
    }

    /**
     * What this variant can express, to ask before mapping: the frame size to allocate, the leaf
     * sizes, and the rights and memory types its leaves can carry. Worked out from {@link
     * #roots()}; an architecture whose formats refuse by contract (with {@link
     * io.pagoda.paging.error.RightsNotExpressibleException}) needs no override.
     *
     * @return what the variant can express
     */
    default Capabilities capabilities() {
        return Capabilities.of(this);
    }

    /**
     * How ELF files name this architecture's machine ({@link ElfIdentity#NONE} when it has none).
     *
     * @return the ELF machine and class
     */
    default ElfIdentity elfIdentity() {
        return ElfIdentity.NONE;
    }

    /**
     * The root whose register carries the address-space tag (PCID, ASID): by default the one
     * translating the user range; AArch64 with TCR_EL1.A1 = 1 takes the ASID from TTBR1.
     *
     * @return the index in {@link #roots()} of the tag-carrying root
     */
    default int tagRootIndex() {
        return rootIndexFor(layout().userFirst()).orElse(0);
    }

    /**
     * The control-register value that configures this variant through its provider ({@link
     * ArchitectureProvider#configure} with {@link VariantConfiguration#translationControl()};
     * AArch64 TCR_EL1: granule and VA size of each half), for proposals such as {@code pagoda
     * find-roots}; empty when the architecture takes none.
     *
     * @return the control-register value, or empty
     */
    default OptionalLong controlRegisterValue() {
        return OptionalLong.empty();
    }

    /**
     * The name of the module or jar that provides it, for listings.
     *
     * @return the JPMS module name, else the jar's or class directory's file name, else "unknown"
     */
    default String module() {
        Module module = getClass().getModule();
        if (module.isNamed()) {
            return module.getName();
        }
        CodeSource source = getClass().getProtectionDomain().getCodeSource();
        if (source == null) {
            return "unknown";
        }
        // a jar's file name, or the last folder of a class directory such as target/classes
        String path = source.getLocation().getPath().replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
