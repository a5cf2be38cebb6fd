package io.pagoda.paging.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register values that make a CPU translate with a set of tables, in the order a boot stub loads them
 * (see {@link Architecture#rootRegisters}).
 */
public record RootRegisters(List<RegisterValue> values) {
    public RootRegisters {
        values = List.copyOf(values);
    }

    /** The register named {@code name}, if set. */
    public Optional<RegisterValue> named(String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The first register with {@code role}, if any. */
    public Optional<RegisterValue> withRole(RegisterRole role) {
        return values.stream().filter(v -> v.role() == role).findFirst();
    }

    /** Name to value, in load order. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(v.name(), v.value()));
        return map;
    }
}
