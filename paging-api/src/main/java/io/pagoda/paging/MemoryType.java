package io.pagoda.paging;

/**
 * Cache policy of a mapping, in words every format can map to its own bits (x86 PAT index through
 * PWT/PCD/PAT, AArch64 AttrIndx into MAIR).
 */
public enum MemoryType {
    /** Normal cacheable memory (x86 PAT index 0, AArch64 normal write-back). */
    WRITE_BACK,
    /** Write-through (x86 PWT). */
    WRITE_THROUGH,
    /** Uncached (x86 UC-, overridable by MTRRs; AArch64 normal non-cacheable). */
    UNCACHED,
    /** Write-combining. */
    WRITE_COMBINING,
    /** Device memory (AArch64 Device-nGnRE; x86 strong uncacheable UC). */
    DEVICE
}
