package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.List;
import java.util.OptionalLong;

/**
 * One answer to "which tables does this CPU use": a variant name, the raw root register values in the order
 * of {@link Architecture#roots()} (fewer when a root is unknown), the translation-control register when the
 * variant takes one, and the evidence that chose it in a sentence, for the user to check.
 */
public record VariantCandidate(String architecture, List<Long> roots, OptionalLong controlRegister, String evidence) {

    public VariantCandidate {
        roots = List.copyOf(roots);
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a candidate names its variant");
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a candidate for " + architecture + " needs at least its first root register value");
        }
    }

    public static VariantCandidate of(String architecture, long root, String evidence) {
        return new VariantCandidate(architecture, List.of(root), OptionalLong.empty(), evidence);
    }

    /** {@code x86_64 root 0x1000} (and the other roots and control register), for listings of candidates. */
    public String summary() {
        StringBuilder out = new StringBuilder(architecture).append(" root ");
        for (int i = 0; i < roots.size(); i++) {
            out.append(i == 0 ? "" : "/").append(Hex.of(roots.get(i)));
        }
        controlRegister.ifPresent(v -> out.append(" control ").append(Hex.of(v)));
        return out.toString();
    }

    /** Same variant and register values, whatever the evidence: two sources agreeing are one candidate. */
    public boolean sameTablesAs(VariantCandidate other) {
        return architecture.equals(other.architecture) && roots.equals(other.roots) && controlRegister.equals(other.controlRegister);
    }
}
