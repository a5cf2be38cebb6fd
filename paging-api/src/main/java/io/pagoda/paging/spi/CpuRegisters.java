package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The saved state of one virtual CPU as a memory image records it, architecture-neutral: the ELF
 * machine number of the core ({@code e_machine}), the CPU's index, where the values came from (the
 * notes read), and the registers by lower-case name ({@code cr0}, {@code cr3}, {@code cs.flags},
 * {@code pc}, ...). Which names appear depends on the writer; an architecture module's {@link
 * ArchitectureProvider#candidatesFrom} reads the ones it knows and ignores the rest.
 *
 * @param machine the ELF machine number of the core ({@code e_machine})
 * @param cpu the CPU's index in the image
 * @param source where the values came from (the notes read), for evidence lines
 * @param registers the values by lower-case register name
 */
public record CpuRegisters(int machine, int cpu, String source, Map<String, Long> registers) {

    /**
     * Keeps an unmodifiable copy of the registers, sorted by name.
     *
     * @param machine the ELF machine number of the core
     * @param cpu the CPU's index in the image
     * @param source where the values came from
     * @param registers the values by lower-case register name
     */
    public CpuRegisters {
        registers = Collections.unmodifiableMap(new TreeMap<>(registers));
    }

    /**
     * The register's value, or empty when the image did not record it.
     *
     * @param name the lower-case register name, such as {@code cr3} or {@code ttbr0_el1}
     * @return the value, or empty
     */
    public OptionalLong get(String name) {
        Long value = registers.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * Whether the image recorded the register.
     *
     * @param name the lower-case register name
     * @return true when a value is recorded
     */
    public boolean has(String name) {
        return registers.containsKey(name);
    }

    /**
     * {@code name=0x...} for the registers named, those recorded only, for evidence lines.
     *
     * @param names lower-case register names
     * @return the recorded ones as upper-case {@code NAME=0x...}, comma-separated; empty when none
     *     is recorded
     */
    public String describe(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Long value = registers.get(name);
            if (value != null) {
                out.append(out.length() == 0 ? "" : ", ")
                        .append(name.toUpperCase(Locale.ROOT))
                        .append('=')
                        .append(Hex.of(value));
            }
        }
        return out.toString();
    }
}
