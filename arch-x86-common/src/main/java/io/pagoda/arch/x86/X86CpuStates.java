package io.pagoda.arch.x86;

import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.ModuleVectors.DetectionVector;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Saved x86 CPU states written by hand, as a core reader would give them: the control registers and
 * CS's flags that variant detection reads. Both x86 modules' detection vectors are built here.
 */
public final class X86CpuStates {
    /** Leaves a register out of the state, as a core that did not record it would. */
    public static final long ABSENT = -1;

    private X86CpuStates() {}

    /**
     * A state holding the registers given; {@link #ABSENT} leaves one out.
     *
     * @param machine the ELF machine the core says it is ({@code e_machine})
     * @param cr0 CR0, or {@link #ABSENT}
     * @param cr3 CR3, or {@link #ABSENT}
     * @param cr4 CR4, or {@link #ABSENT}
     * @param cs the code segment's flags (L and D/B decide the mode), or {@link #ABSENT}
     * @return the state, named as hand-written
     */
    public static CpuRegisters of(int machine, long cr0, long cr3, long cr4, long cs) {
        Map<String, Long> values = new HashMap<>();
        if (cr0 != ABSENT) {
            values.put("cr0", cr0);
        }
        if (cr3 != ABSENT) {
            values.put("cr3", cr3);
        }
        if (cr4 != ABSENT) {
            values.put("cr4", cr4);
        }
        if (cs != ABSENT) {
            values.put("cs.flags", cs);
        }
        return new CpuRegisters(machine, 0, "hand-written state", values);
    }

    /**
     * A detection vector: the state must be detected as {@code variant} (its root register being
     * CR3) and not as {@code other}.
     *
     * @param id names the vector in failure messages
     * @param machine the ELF machine the core says it is
     * @param cr0 CR0, or {@link #ABSENT}
     * @param cr3 CR3 (the root register value expected), or {@link #ABSENT}
     * @param cr4 CR4, or {@link #ABSENT}
     * @param cs the code segment's flags, or {@link #ABSENT}
     * @param variant the variant the state must be detected as
     * @param other a variant it must not be detected as
     * @return the vector
     */
    public static DetectionVector detected(
            String id,
            int machine,
            long cr0,
            long cr3,
            long cr4,
            long cs,
            String variant,
            String other) {
        return new DetectionVector(
                id, of(machine, cr0, cr3, cr4, cs), Map.of(variant, cr3), Set.of(other));
    }

    /**
     * A detection vector for a state none of {@code variants} may be detected from.
     *
     * @param id names the vector in failure messages
     * @param machine the ELF machine the core says it is
     * @param cr0 CR0, or {@link #ABSENT}
     * @param cr3 CR3, or {@link #ABSENT}
     * @param cr4 CR4, or {@link #ABSENT}
     * @param cs the code segment's flags, or {@link #ABSENT}
     * @param variants the variants that must not be proposed
     * @return the vector
     */
    public static DetectionVector undetected(
            String id, int machine, long cr0, long cr3, long cr4, long cs, Set<String> variants) {
        return new DetectionVector(id, of(machine, cr0, cr3, cr4, cs), Map.of(), variants);
    }
}
