package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The saved registers that configure a variant beyond what its name says, as a reader of a memory
 * image or a CPU's saved state has them; given to {@link ArchitectureProvider#configure} (through
 * {@link io.pagoda.paging.registry.Architectures#configure}). Built fluently from {@link #none()}:
 * {@code VariantConfiguration.none().withTranslationControl(tcr).withMemoryAttributes(mair)}.
 *
 * <p>On AArch64 the translation-control register is TCR_EL1 (granule and VA size of each half, PA
 * size, FEAT_LPA2, the ASID's root, top-byte-ignore) and the memory-attribute register is MAIR_EL1
 * (byte n is the memory type a leaf's AttrIndx n selects). The x86 variants take neither today:
 * their paging mode is the variant itself (CR4.PAE and CR4.LA57 select i386-pae or x86_64-la57),
 * and they read memory types through the power-on PAT.
 *
 * @param translationControl the register that selects the translation regime's geometry (AArch64
 *     TCR_EL1), or empty
 * @param memoryAttributes the register a leaf's memory-type index selects from (AArch64 MAIR_EL1),
 *     or empty
 */
public record VariantConfiguration(OptionalLong translationControl, OptionalLong memoryAttributes) {
    private static final VariantConfiguration NONE =
            new VariantConfiguration(OptionalLong.empty(), OptionalLong.empty());

    /**
     * Checks the components are present (each may be empty).
     *
     * @param translationControl the translation-control register, or empty
     * @param memoryAttributes the memory-attribute register, or empty
     */
    public VariantConfiguration {
        Objects.requireNonNull(translationControl, "translationControl");
        Objects.requireNonNull(memoryAttributes, "memoryAttributes");
    }

    /**
     * No register: configuring with it leaves every variant as it is.
     *
     * @return the empty configuration
     */
    public static VariantConfiguration none() {
        return NONE;
    }

    /**
     * This configuration with the translation-control register (AArch64 TCR_EL1) set.
     *
     * @param value the raw register value
     * @return a configuration with {@code value} as its translation-control register
     */
    public VariantConfiguration withTranslationControl(long value) {
        return new VariantConfiguration(OptionalLong.of(value), memoryAttributes);
    }

    /**
     * This configuration with the memory-attribute register (AArch64 MAIR_EL1) set.
     *
     * @param value the raw register value
     * @return a configuration with {@code value} as its memory-attribute register
     */
    public VariantConfiguration withMemoryAttributes(long value) {
        return new VariantConfiguration(translationControl, OptionalLong.of(value));
    }

    /**
     * Whether it names no register at all.
     *
     * @return true when neither register is set
     */
    public boolean isEmpty() {
        return translationControl.isEmpty() && memoryAttributes.isEmpty();
    }

    /**
     * The registers it sets, for messages.
     *
     * @return e.g. {@code translation-control 0x5_8010_0010, memory-attributes 0x4_0044_FFFF}, or
     *     {@code no register}
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "no register";
        }
        StringBuilder text = new StringBuilder();
        translationControl.ifPresent(v -> text.append("translation-control ").append(Hex.of(v)));
        memoryAttributes.ifPresent(
                v ->
                        text.append(text.length() == 0 ? "" : ", ")
                                .append("memory-attributes ")
                                .append(Hex.of(v)));
        return text.toString();
    }
}
