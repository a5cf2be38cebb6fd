package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.spi.ModuleVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The module's own builders at their edges ({@link ModuleVectors#buildVectors()}): a recursive slot
 * that would split a half, a direct map outside the canonical ranges, a width the hardware has no
 * such value for. Each call the vectors say must build does; each they say must be refused throws
 * the stated type, with a message naming the stated words (the bad value, the range, the fix). A
 * module whose builders accept these builds a variant whose tables the CPU would read otherwise.
 */
@Tag("bad-input")
@ConformanceArea("bad-input")
public interface BuildVectorContract extends ModuleVectorSubject {

    /** Each build vector of this variant builds, or is refused as it says. */
    @Test
    @Requires(Capability.BUILD_VECTORS)
    default void everyBuildVectorOfThisVariantBuildsOrIsRefusedAsItSays() {
        String name = architecture().name();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (ModuleVectors.BuildVector vector : source.buildVectors()) {
                if (vector.variant().equals(name)) {
                    String mismatch = mismatch(vector);
                    if (mismatch != null) {
                        wrong.add(vector.id() + ": " + mismatch);
                    }
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " build vector(s) answered otherwise:\n  "
                                + String.join("\n  ", wrong));
    }

    /** Each name the module documents selects its variant in the registry. */
    @Test
    @Requires(Capability.DOCUMENTED_NAMES)
    default void everyDocumentedNameOfThisVariantSelectsIt() {
        String name = architecture().name();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (Map.Entry<String, String> documented : source.documentedNames().entrySet()) {
                if (!documented.getValue().equals(name)) {
                    continue;
                }
                String found;
                try {
                    found = detectingRegistry().get(documented.getKey()).name();
                } catch (RuntimeException e) {
                    found = e.toString();
                }
                if (!found.equals(name)) {
                    wrong.add("'" + documented.getKey() + "' selects " + found);
                }
            }
        }
        check(
                wrong.isEmpty(),
                () -> "documented names of " + name + " select another variant: " + wrong);
    }

    /** What is wrong with the vector's outcome, or null when it is as stated. */
    private static String mismatch(ModuleVectors.BuildVector vector) {
        Object built;
        try {
            built = vector.build().get();
        } catch (RuntimeException e) {
            if (vector.refusal().isEmpty()) {
                return "expected it to build, found " + e;
            }
            if (!vector.refusal().get().isInstance(e)) {
                return "expected " + vector.refusal().get().getSimpleName() + ", found " + e;
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            List<String> missing = new ArrayList<>();
            for (String word : vector.named()) {
                if (!message.contains(word)) {
                    missing.add(word);
                }
            }
            return missing.isEmpty()
                    ? null
                    : "the refusal's message does not name " + missing + ": \"" + message + "\"";
        }
        if (vector.refusal().isPresent()) {
            return "expected " + vector.refusal().get().getSimpleName() + ", but it built " + built;
        }
        return built == null ? "expected it to build, found null" : null;
    }
}
