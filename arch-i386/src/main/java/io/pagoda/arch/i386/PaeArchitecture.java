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
 * i386 PAE paging: a 4-entry PDPT over 512-entry page directories (2 MiB pages allowed) over
 * 512-entry page tables, 8-byte entries, NX (EFER.NXE=1), a 52-bit physical width and CR3[31:5] as
 * root (32-byte aligned). A PDPTE with a reserved bit faults when CR3 is loaded, not during a walk
 * (see {@link TranslationRoot#rootLoadFault}). Every right combination with READABLE is
 * expressible.
 */
public final class PaeArchitecture implements Architecture {
    /** The architecture's name, {@code i386-pae}. */
    public static final String NAME = "i386-pae";

    /**
     * MAXPHYADDR modelled: 52, the architectural maximum, so frames may lie anywhere below 4 PiB.
     */
    public static final int PHYSICAL_ADDRESS_BITS = 52;

    private final PaeEntryFormat format = new PaeEntryFormat();
    private final List<TranslationRoot> roots = List.of(new PaeCr3Root(format));

    /**
     * The entry format of its one root, CR3.
     *
     * @return the PAE format
     */
    public PaeEntryFormat format() {
        return format;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aliases() {
        return Set.of("ia32-pae", "pae");
    }

    @Override
    public String description() {
        return "i386 PAE paging: 4-entry PDPT, 512-entry PD and PT of 8-byte entries, 4 KiB and 2 MiB pages, NX, 52-bit physical";
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
        return I386Layouts.PAE;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return X86TlbInstructions.PROTECTED_MODE;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return I386HardwareVectors.pae();
    }

    /** CR3, CR4, EFER, IA32_PAT and CR0 ({@link I386RootRegisters}). */
    @Override
    public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        return I386RootRegisters.of(NAME, true, roots.get(0), rootTables, settings);
    }

    /** EM_386 (3); its relocatable objects are ELFCLASS32. */
    @Override
    public ElfIdentity elfIdentity() {
        return new ElfIdentity(3, 32);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
