package io.pagoda.example.riscv;

import io.pagoda.conformance.ArchitectureConformance;
import org.junit.jupiter.api.Nested;

/** The whole test setup of the RISC-V module: the conformance kit, once per variant. */
class RiscVConformanceTest {

    @Nested
    class Sv39 implements ArchitectureConformance {
        @Override
        public String architectureName() {
            return "riscv-sv39";
        }
    }

    @Nested
    class Sv48 implements ArchitectureConformance {
        @Override
        public String architectureName() {
            return "riscv-sv48";
        }
    }
}
