package io.pagoda.paging.error;

/**
 * A variant was given a register it does not take (a translation-control register for x86_64, a
 * memory-attribute register for i386-pae): nothing was configured, the variant is as it was.
 */
public class VariantConfigurationException extends PagingException {
    private static final long serialVersionUID = 1L;

    /** The name of the variant that refused the register. */
    private final String variant;

    /** What the refused register is, e.g. {@code translation-control register}. */
    private final String register;

    /**
     * Creates the exception for a register the variant does not take.
     *
     * @param variant the variant's name, e.g. {@code x86_64}
     * @param register what the register is, e.g. {@code translation-control register}
     * @param fix what to do instead, e.g. {@code leave it out of the configuration}
     */
    public VariantConfigurationException(String variant, String register, String fix) {
        super(variant + " takes no " + register + "; " + fix);
        this.variant = variant;
        this.register = register;
    }

    /**
     * The variant that refused the register.
     *
     * @return the variant's name
     */
    public String variant() {
        return variant;
    }

    /**
     * The register it refused.
     *
     * @return what the register is, e.g. {@code translation-control register}
     */
    public String register() {
        return register;
    }

    /**
     * What went wrong without the fix, for a caller that states its own fix (a command names its
     * option).
     *
     * @return e.g. {@code x86_64 takes no translation-control register}
     */
    public String reason() {
        return variant + " takes no " + register;
    }
}
