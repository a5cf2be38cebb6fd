package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.List;
import java.util.OptionalLong;

/**
 * One answer to "which tables does this CPU use": a variant name, the raw root register values in
 * the order of {@link Architecture#roots()} (fewer when a root is unknown), the translation-control
 * register when the variant takes one, and the evidence that chose it in a sentence, for the user
 * to check.
 *
 * @param architecture the variant's name, as {@link Architecture#name()} gives it
 * @param roots the raw root register values, in the order of {@link Architecture#roots()}, at least
 *     one
 * @param controlRegister the translation-control register value, when the variant takes one
 * @param evidence the registers and values that chose the variant, in a sentence
 */
public record VariantCandidate(
        String architecture, List<Long> roots, OptionalLong controlRegister, String evidence) {

    /**
     * Checks that the candidate names its variant and at least one root.
     *
     * @param architecture the variant's name
     * @param roots the raw root register values, at least one
     * @param controlRegister the translation-control register value, or empty
     * @param evidence why this variant was chosen
     * @throws IllegalArgumentException when the name is blank or no root value is given
     */
    public VariantCandidate {
        roots = List.copyOf(roots);
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a candidate names its variant");
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(
                    "a candidate for "
                            + architecture
                            + " needs at least its first root register value");
        }
    }

    /**
     * A candidate with one root register and no control register.
     *
     * @param architecture the variant's name
     * @param root the raw value of its first root register
     * @param evidence why this variant was chosen
     * @return the candidate
     */
    public static VariantCandidate of(String architecture, long root, String evidence) {
        return new VariantCandidate(architecture, List.of(root), OptionalLong.empty(), evidence);
    }

    /**
     * {@code x86_64 root 0x1000} (and the other roots and control register), for listings of
     * candidates.
     *
     * @return the one-line summary
     */
    public String summary() {
        StringBuilder out = new StringBuilder(architecture).append(" root ");
        for (int i = 0; i < roots.size(); i++) {
            out.append(i == 0 ? "" : "/").append(Hex.of(roots.get(i)));
        }
        controlRegister.ifPresent(v -> out.append(" control ").append(Hex.of(v)));
        return out.toString();
    }

    /**
     * Same variant and register values, whatever the evidence: two sources agreeing are one
     * candidate.
     *
     * @param other another candidate
     * @return true when both name the same variant, root values and control register
     */
    public boolean sameTablesAs(VariantCandidate other) {
        return architecture.equals(other.architecture)
                && roots.equals(other.roots)
                && controlRegister.equals(other.controlRegister);
    }
}
