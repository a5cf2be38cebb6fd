package io.pagoda.conformance;

/**
 * Every contract of the kit. An architecture module proves a variant with one test class:
 *
 * <pre>{@code
 * class X86_64ConformanceTest implements ArchitectureConformance {
 *     public String architectureName() { return "x86_64"; }
 * }
 * }</pre>
 *
 * and may override {@link #overrides()} to replace bindings of the Guice wiring.
 */
public interface ArchitectureConformance
        extends EncodingContract,
                WriteVectorContract,
                EntryEdgeContract,
                ConfiguredVariantContract,
                GeometryContract,
                RegisterVectorContract,
                RegistryClaimsContract,
                ConfigurationVectorContract,
                MapContract,
                GuardContract,
                UnmapContract,
                IterateContract,
                FindSpaceContract,
                TranslateContract,
                ProtectContract,
                TlbCoherenceContract,
                InactiveLifecycleContract,
                IsolationContract,
                AtomicityContract,
                BadInputContract,
                BuildVectorContract,
                ModelRandomContract,
                ModuleRulesContract {}
