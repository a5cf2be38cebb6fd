package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86_64.X86_64Architecture;
import io.pagoda.arch.x86_64.X86_64ModuleVectors;
import io.pagoda.arch.x86_64.X86_64Provider;
import io.pagoda.conformance.testarch.BrokenArchitecture;
import io.pagoda.conformance.testarch.BrokenFormat;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bugs only the module vectors can show, each caught by its contract: a user range of one PML4
 * entry, a boot stub that tags CR3 without enabling PCIDs, detection that ignores one piece of
 * evidence (CR4.LA57, a compatibility-mode core), and a variant under a second PAT that decodes the
 * PAT bit of a 4 KiB leaf as absent or ignores the configuration altogether. Under the power-on
 * PAT, indices 4..7 repeat 0..3, so the variants the provider ships cannot tell.
 */
class BrokenModuleVectorsCaughtTest {
    private static final long PAT_4K = 1L << 7;
    private static final long CR4_LA57 = 1L << 12;
    private static final long CR4_PCIDE = 1L << 17;

    /** An author class proving {@code x86_64} against broken module vectors or detection. */
    @ExtendWith(OnlyUnderRunner.class)
    abstract static class Broken
            implements ConfiguredVariantContract, RegisterVectorContract, BuildVectorContract {
        @Override
        public String architectureName() {
            return "x86_64";
        }

        @Override
        public Architecture architecture() {
            return X86_64Architecture.fourLevel();
        }

        @Override
        public List<ModuleVectors> moduleVectors() {
            return List.of(new X86_64ModuleVectors());
        }
    }

    /** Detection that reads every long-mode core as 4-level. */
    static final class La57Ignored extends Broken {
        @Override
        public Architectures detectingRegistry() {
            return Architectures.of(
                    detecting(
                            cpu -> {
                                Map<String, Long> values = new HashMap<>(cpu.registers());
                                values.computeIfPresent("cr4", (k, v) -> v & ~CR4_LA57);
                                return new CpuRegisters(
                                        cpu.machine(), cpu.cpu(), cpu.source(), values);
                            }));
        }
    }

    /** Detection that takes a code segment without the L bit for protected mode. */
    static final class CompatibilityModeMissed extends Broken {
        @Override
        public Architectures detectingRegistry() {
            return Architectures.of(
                    detecting(
                            cpu ->
                                    (cpu.get("cs.flags").orElse(0) & (1L << 21)) == 0
                                            ? new CpuRegisters(3, cpu.cpu(), cpu.source(), Map.of())
                                            : cpu));
        }
    }

    /** The Linux-PAT variant reading a 4 KiB leaf's PAT bit (bit 7) as clear. */
    static final class PatBitIgnored extends Broken {
        @Override
        public List<ModuleVectors> moduleVectors() {
            return configured(
                    BrokenArchitecture.withFormat(
                            linuxPat().architecture(),
                            "x86_64",
                            f ->
                                    new BrokenFormat(f) {
                                        @Override
                                        public MappingFlags leafFlags(int level, long raw) {
                                            return super.leafFlags(
                                                    level, level == 3 ? raw & ~PAT_4K : raw);
                                        }
                                    }));
        }
    }

    /** A "configured" variant that is the power-on one: the PAT value never reached the format. */
    static final class ConfigurationIgnored extends Broken {
        @Override
        public List<ModuleVectors> moduleVectors() {
            return configured(X86_64Architecture.fourLevel());
        }
    }

    /** A layout whose user range ends after PML4 entry 0 (computed from the wrong entry). */
    static final class UserRangeOfEntryZero extends Broken {
        @Override
        public List<ModuleVectors> moduleVectors() {
            ModuleVectors.LayoutVector real = new X86_64ModuleVectors().layoutVectors().get(0);
            AddressLayout right = real.layout();
            Architecture broken =
                    X86_64Architecture.fourLevel()
                            .withLayout(
                                    new AddressLayout(
                                            right.userFirst(),
                                            0x7F_FFFF_FFFFL,
                                            right.kernelFirst(),
                                            right.kernelLast(),
                                            right.kernelRootFirst(),
                                            right.kernelRootLast(),
                                            right.recursiveSlot(),
                                            right.directMapBase()));
            ModuleVectors.LayoutVector wrong =
                    new ModuleVectors.LayoutVector(real.id(), real.variant(), broken, right);
            return List.of(
                    new ModuleVectors() {
                        @Override
                        public List<LayoutVector> layoutVectors() {
                            return List.of(wrong);
                        }
                    });
        }
    }

    /** Root registers that tag CR3 with a PCID but leave CR4.PCIDE clear. */
    static final class PcideForgotten extends Broken {
        @Override
        public Architecture architecture() {
            Architecture real = X86_64Architecture.fourLevel();
            return new Architecture() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public String description() {
                    return real.description();
                }

                @Override
                public List<TranslationRoot> roots() {
                    return real.roots();
                }

                @Override
                public int physicalAddressBits() {
                    return real.physicalAddressBits();
                }

                @Override
                public AddressLayout layout() {
                    return real.layout();
                }

                @Override
                public TlbInstructions tlbInstructions() {
                    return real.tlbInstructions();
                }

                @Override
                public int tagBits() {
                    return real.tagBits();
                }

                @Override
                public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
                    List<RegisterValue> values = new ArrayList<>();
                    for (RegisterValue value : real.rootRegisters(rootTables, settings).values()) {
                        values.add(
                                value.name().equals("CR4")
                                        ? new RegisterValue(
                                                value.name(),
                                                value.role(),
                                                value.value() & ~CR4_PCIDE,
                                                value.meaning())
                                        : value);
                    }
                    return new RootRegisters(values);
                }
            };
        }
    }

    /** A builder that takes recursive slot 100, which splits the user half in two. */
    static final class SplittingSlotAccepted extends Broken {
        @Override
        public List<ModuleVectors> moduleVectors() {
            return building(() -> X86_64Architecture.fourLevel());
        }
    }

    /** A builder that refuses slot 100 without saying what is wrong or what would do. */
    static final class RefusalNamingNothing extends Broken {
        @Override
        public List<ModuleVectors> moduleVectors() {
            return building(
                    () -> {
                        throw new IllegalArgumentException("bad layout");
                    });
        }
    }

    /** The x86_64 vector for recursive slot 100, with the builder replaced by {@code broken}. */
    private static List<ModuleVectors> building(java.util.function.Supplier<?> broken) {
        ModuleVectors.BuildVector real =
                new X86_64ModuleVectors()
                        .buildVectors().stream()
                                .filter(v -> v.id().startsWith("recursive slot 100"))
                                .findFirst()
                                .orElseThrow();
        ModuleVectors.BuildVector wrong =
                new ModuleVectors.BuildVector(
                        real.id(), real.variant(), broken, real.refusal(), real.named());
        return List.of(
                new ModuleVectors() {
                    @Override
                    public List<BuildVector> buildVectors() {
                        return List.of(wrong);
                    }
                });
    }

    private static ModuleVectors.ConfiguredVariant linuxPat() {
        return new X86_64ModuleVectors().configuredVariants().get(0);
    }

    private static List<ModuleVectors> configured(Architecture broken) {
        ModuleVectors.ConfiguredVariant real = linuxPat();
        ModuleVectors.ConfiguredVariant wrong =
                new ModuleVectors.ConfiguredVariant(
                        real.id(),
                        real.variant(),
                        broken,
                        real.register(),
                        real.value(),
                        real.vectors());
        return List.of(
                new ModuleVectors() {
                    @Override
                    public List<ConfiguredVariant> configuredVariants() {
                        return List.of(wrong);
                    }
                });
    }

    /** The x86-64 provider with its detection fed a changed CPU state. */
    private static ArchitectureProvider detecting(
            java.util.function.UnaryOperator<CpuRegisters> change) {
        X86_64Provider real = new X86_64Provider();
        return new ArchitectureProvider() {
            @Override
            public List<Architecture> architectures() {
                return real.architectures();
            }

            @Override
            public List<VariantCandidate> candidatesFrom(CpuRegisters registers) {
                return real.candidatesFrom(change.apply(registers));
            }
        };
    }

    private static String caughtOnlyBy(Class<?> author, String area) {
        ConformanceMatrix matrix = new ConformanceRunner().testClasses(author).run();
        assertEquals(List.of(area), matrix.failingAreas("x86_64"), matrix::toMarkdown);
        return String.join("\n", matrix.cell("x86_64", area).failures());
    }

    @Test
    void aUserRangeOfOneEntryIsCaught() {
        String failures = caughtOnlyBy(UserRangeOfEntryZero.class, "geometry");
        assertTrue(failures.contains("x86_64 layout: 4-level, slot 511: expected"), failures);
    }

    @Test
    void aBootStubWithoutPcideIsCaught() {
        String failures = caughtOnlyBy(PcideForgotten.class, "geometry");
        assertTrue(
                failures.contains(
                        "x86_64 boot: 4-level, PCID 5: expected CR4 = 0x200A0, rootRegisters loads 0xA0"),
                failures);
    }

    @Test
    void detectionIgnoringLa57IsCaught() {
        String failures = caughtOnlyBy(La57Ignored.class, "geometry");
        assertTrue(
                failures.contains("x86_64 detection: CR4.LA57 = 1: 5-level: expected x86_64-la57"),
                failures);
    }

    @Test
    void detectionMissingCompatibilityModeIsCaught() {
        String failures = caughtOnlyBy(CompatibilityModeMissed.class, "geometry");
        assertTrue(
                failures.contains(
                        "x86_64 detection: compatibility mode: expected x86_64 with root"),
                failures);
    }

    @Test
    void aPatBitReadAsClearUnderASecondPatIsCaught() {
        String failures = caughtOnlyBy(PatBitIgnored.class, "encoding");
        assertTrue(failures.contains("x86_64 Linux PAT: 4 KiB, PAT PCD PWT: index 7 WT"), failures);
        assertTrue(failures.contains("write_through") && failures.contains("device"), failures);
    }

    @Test
    void aConfigurationThatChangesNothingIsCaught() {
        String failures = caughtOnlyBy(ConfigurationIgnored.class, "encoding");
        assertTrue(failures.contains("x86_64 Linux PAT: 4 KiB, PWT: index 1 WC"), failures);
        assertTrue(failures.contains("write_combining"), failures);
    }

    @Test
    void aBuilderAcceptingASlotThatSplitsAHalfIsCaught() {
        String failures = caughtOnlyBy(SplittingSlotAccepted.class, "bad-input");
        assertTrue(
                failures.contains(
                        "recursive slot 100 (inside the user half): expected"
                                + " IllegalArgumentException, but it built"),
                failures);
    }

    @Test
    void aRefusalThatNamesNeitherValueNorFixIsCaught() {
        String failures = caughtOnlyBy(RefusalNamingNothing.class, "bad-input");
        assertTrue(
                failures.contains(
                        "the refusal's message does not name [recursive slot 100, user range in"
                                + " two, use 0 or 255]: \"bad layout\""),
                failures);
    }
}
