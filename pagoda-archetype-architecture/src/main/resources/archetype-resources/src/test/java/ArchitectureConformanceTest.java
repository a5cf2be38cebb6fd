package ${package};

import io.pagoda.conformance.ArchitectureConformance;

/**
 * The whole test setup of this module: Pagoda's conformance kit (encoding, geometry, map, guard, unmap, iterate,
 * find-space, translate, protect, TLB coherence, atomicity, bad input, a seeded random model and the module rules)
 * runs against the variant named here. One such class per variant; {@code -Dpagoda.model.operations=N} sets the
 * random model's length.
 */
class ArchitectureConformanceTest implements ArchitectureConformance {
    @Override
    public String architectureName() {
        return "${variantName}";
    }
}
