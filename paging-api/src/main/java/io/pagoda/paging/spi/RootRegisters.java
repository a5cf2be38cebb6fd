package io.pagoda.paging.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register values that make a CPU translate with a set of tables, in the order a boot stub
 * loads them (see {@link Architecture#rootRegisters}).
 *
 * @param values the register values, in load order
 */
public record RootRegisters(List<RegisterValue> values) {
    /**
     * Keeps an unmodifiable copy of the values.
     *
     * @param values the register values, in load order
     */
    public RootRegisters {
        values = List.copyOf(values);
    }

    /**
     * The register named {@code name}, if set.
     *
     * @param name the architectural name, such as {@code CR3} or {@code TCR_EL1}
     * @return the register's value, or empty when it is not set
     */
    public Optional<RegisterValue> named(String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * The first register with {@code role}, if any.
     *
     * @param role what the register does for translation
     * @return the first register in load order with that role, or empty
     */
    public Optional<RegisterValue> withRole(RegisterRole role) {
        return values.stream().filter(v -> v.role() == role).findFirst();
    }

    /**
     * Name to value, in load order.
     *
     * @return an insertion-ordered map of register name to raw value
     */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(v.name(), v.value()));
        return map;
    }
}
