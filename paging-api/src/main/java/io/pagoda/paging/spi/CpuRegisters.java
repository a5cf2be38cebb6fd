package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The saved state of one virtual CPU as a memory image records it, architecture-neutral: the ELF machine
 * number of the core ({@code e_machine}), the CPU's index, where the values came from (the notes read), and
 * the registers by lower-case name ({@code cr0}, {@code cr3}, {@code cs.flags}, {@code pc}, ...). Which names
 * appear depends on the writer; an architecture module's {@link ArchitectureProvider#candidatesFrom} reads
 * the ones it knows and ignores the rest.
 */
public record CpuRegisters(int machine, int cpu, String source, Map<String, Long> registers) {

    public CpuRegisters {
        registers = Collections.unmodifiableMap(new TreeMap<>(registers));
    }

    /** The register's value, or empty when the image did not record it. */
    public OptionalLong get(String name) {
        Long value = registers.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public boolean has(String name) {
        return registers.containsKey(name);
    }

    /** {@code name=0x...} for the registers named, those recorded only, for evidence lines. */
    public String describe(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Long value = registers.get(name);
            if (value != null) {
                out.append(out.length() == 0 ? "" : ", ").append(name.toUpperCase(java.util.Locale.ROOT)).append('=').append(Hex.of(value));
            }
        }
        return out.toString();
    }
}
