package io.pagoda.paging.spi;

import java.util.Objects;

/**
 * One register's value for a set of tables.
 *
 * @param name the architectural name: {@code CR3}, {@code TTBR0_EL1}, {@code TCR_EL1}
 * @param role what it does for translation
 * @param value the raw value to load (all 64 bits; 32-bit registers use the low half)
 * @param meaning one line saying which fields were set and why, for headers and manifests
 */
public record RegisterValue(String name, RegisterRole role, long value, String meaning) {
    /**
     * Checks that no part is missing.
     *
     * @param name the architectural name
     * @param role what it does for translation
     * @param value the raw value to load
     * @param meaning one line saying which fields were set and why
     * @throws NullPointerException when {@code name}, {@code role} or {@code meaning} is null
     */
    public RegisterValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(meaning, "meaning");
    }
}
