package io.pagoda.paging.spi;

/** Why a hardware walk fails, in the terms the architectures share. */
public enum FaultType {
    /** The entry at the level is unused or invalid (x86 #PF P=0; AArch64 translation fault). */
    NOT_PRESENT,
    /** The entry at the level is a guard: not present, but reserved space. */
    GUARD,
    /** The walk succeeded but the access is not allowed by the effective rights. */
    PROTECTION,
    /**
     * The address is outside every translated range (x86 #GP; AArch64 level-0 translation fault).
     */
    NON_CANONICAL,
    /** A present entry has a reserved bit set (x86 #PF RSVD). */
    RESERVED_BIT,
    /** Loading the root register itself faults (PAE PDPTE with a reserved bit: #GP). */
    ROOT_LOAD,
    /** AArch64 access flag clear with hardware updates off. */
    ACCESS_FLAG
}
