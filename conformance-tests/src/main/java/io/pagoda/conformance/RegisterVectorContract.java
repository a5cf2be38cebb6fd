package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Registers in and out, as the module's {@link ModuleVectors} state them. Out: every {@link
 * ModuleVectors.BootVector} of this variant is what {@code rootRegisters} loads (the round trip of
 * {@code rootRegisters} through detection reads only the registers detection looks at; a boot stub
 * needs the rest too: the execute-disable enable the leaves' XD bits rely on, the PCID enable a
 * tagged CR3 needs ...). In: variant detection, one piece of evidence at a time: every {@link
 * ModuleVectors.DetectionVector} naming this variant (as detected or as not detected) gets exactly
 * that answer from the registry's {@code candidatesFrom}. The round trip of {@code rootRegisters}
 * checks only the variant chosen for a whole, consistent state; these vectors say what each
 * register bit means (paging off, a wider mode off, a compatibility-mode code segment ...), as the
 * manuals state.
 */
@Tag("geometry")
@ConformanceArea("geometry")
public interface RegisterVectorContract extends ModuleVectorSubject {

    /**
     * Each layout vector of this variant (as shipped or configured by the module's builders) names
     * the layout the variant has: user and kernel ranges, shared top-level entries, recursive slot
     * and direct map.
     */
    @Test
    @Requires(Capability.LAYOUT_VECTORS)
    default void everyLayoutVectorOfThisVariantIsItsLayout() {
        String name = architecture().name();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (ModuleVectors.LayoutVector vector : source.layoutVectors()) {
                if (!vector.variant().equals(name)) {
                    continue;
                }
                AddressLayout found = vector.architecture().layout();
                if (!found.equals(vector.layout())) {
                    wrong.add(
                            vector.id() + ": expected " + vector.layout() + " but found " + found);
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " layout(s) differ from the vectors:\n  "
                                + String.join("\n  ", wrong));
    }

    /** Each boot vector of this variant is loaded as it says. */
    @Test
    @Requires(Capability.BOOT_VECTORS)
    default void everyBootVectorOfThisVariantIsLoadedAsItSays() {
        Architecture architecture = architecture();
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            for (ModuleVectors.BootVector vector : source.bootVectors()) {
                if (!vector.variant().equals(architecture.name())) {
                    continue;
                }
                long[] tables = new long[vector.rootTables().size()];
                for (int r = 0; r < tables.length; r++) {
                    tables[r] = vector.rootTables().get(r);
                }
                Map<String, Long> loaded = new TreeMap<>();
                try {
                    for (RegisterValue value :
                            architecture.rootRegisters(tables, vector.settings()).values()) {
                        loaded.put(value.name(), value.value());
                    }
                } catch (RuntimeException e) {
                    wrong.add(
                            vector.id()
                                    + ": rootRegisters refuses "
                                    + vector.settings()
                                    + ": "
                                    + e);
                    continue;
                }
                for (Map.Entry<String, Long> expected : vector.registers().entrySet()) {
                    Long value = loaded.get(expected.getKey());
                    if (value == null || value.longValue() != expected.getValue()) {
                        wrong.add(
                                vector.id()
                                        + ": expected "
                                        + expected.getKey()
                                        + " = "
                                        + Hex.of(expected.getValue())
                                        + ", rootRegisters loads "
                                        + (value == null ? "no such register" : Hex.of(value)));
                    }
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " boot register(s) differ from the vectors:\n  "
                                + String.join("\n  ", wrong));
    }

    /** Each detection vector that names this variant is answered as it says. */
    @Test
    @Requires(Capability.DETECTION_VECTORS)
    default void everyDetectionVectorNamingThisVariantIsAnsweredAsItSays() {
        String name = architecture().name();
        Architectures registry = detectingRegistry();
        List<ModuleVectors.DetectionVector> vectors = new ArrayList<>();
        for (ModuleVectors source : moduleVectors()) {
            vectors.addAll(source.detectionVectors());
        }
        List<String> wrong = new ArrayList<>();
        for (ModuleVectors.DetectionVector vector : vectors) {
            if (!vector.detected().containsKey(name) && !vector.notDetected().contains(name)) {
                continue;
            }
            List<VariantCandidate> found;
            try {
                found = registry.candidatesFrom(vector.registers());
            } catch (RuntimeException e) {
                wrong.add(vector.id() + ": detection throws " + e);
                continue;
            }
            for (Map.Entry<String, Long> expected : vector.detected().entrySet()) {
                boolean named =
                        found.stream()
                                .anyMatch(
                                        candidate ->
                                                variantOf(registry, candidate)
                                                                .equals(
                                                                        Optional.of(
                                                                                expected.getKey()))
                                                        && candidate.roots().get(0).longValue()
                                                                == expected.getValue());
                if (!named) {
                    wrong.add(
                            vector.id()
                                    + ": expected "
                                    + expected.getKey()
                                    + " with root "
                                    + Hex.of(expected.getValue())
                                    + ", found "
                                    + summaries(found));
                }
            }
            for (String absent : vector.notDetected()) {
                if (found.stream()
                        .anyMatch(c -> variantOf(registry, c).equals(Optional.of(absent)))) {
                    wrong.add(
                            vector.id()
                                    + ": expected no "
                                    + absent
                                    + ", found "
                                    + summaries(found));
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " detection vector(s) answered otherwise:\n  "
                                + String.join("\n  ", wrong));
    }

    private static Optional<String> variantOf(Architectures registry, VariantCandidate candidate) {
        return registry.find(candidate.architecture()).map(a -> a.name());
    }

    private static List<String> summaries(List<VariantCandidate> found) {
        List<String> out = new ArrayList<>();
        for (VariantCandidate candidate : found) {
            out.add(candidate.summary());
        }
        return out;
    }
}
