package io.pagoda.conformance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The architecture's module follows the packaging rules: {@link ArchitectureModuleRules} applied to
 * its package.
 */
@Tag("module-rules")
@ConformanceArea("module-rules")
public interface ModuleRulesContract extends ConformanceSubject {

    /** The architecture module follows the module rules of {@link ArchitectureModuleRules}. */
    @Test
    default void architectureModuleFollowsTheRules() {
        ArchitectureModuleRules.check(architecture().getClass());
    }
}
