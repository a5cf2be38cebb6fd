package io.pagoda.paging.spi;

/**
 * What a register value does for translation, so that architecture-neutral writers (core notes,
 * headers) can name it without knowing the architecture.
 */
public enum RegisterRole {
    /** The first root register: CR3, TTBR0_EL1. */
    ROOT,
    /** The second root register, for architectures with two: TTBR1_EL1. */
    ROOT_UPPER,
    /** The register that selects the translation regime's geometry: TCR_EL1. */
    TRANSLATION_CONTROL,
    /**
     * The register a leaf's memory-type index selects from, in the {@code mair} key of the Pagoda
     * note: MAIR_EL1.
     */
    MEMORY_ATTRIBUTES,
    /** Another control register the tables need set to mean what they say: CR0, CR4, EFER. */
    CONTROL
}
