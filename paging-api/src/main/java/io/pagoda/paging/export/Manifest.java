package io.pagoda.paging.export;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.RegisterValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code manifest.json}: the variant, where the tables go, every register value, and every mapping
 * of the layout with the leaves the tables use for it (count per leaf size). Addresses and values
 * are hex strings ({@code "0x..."}), so 64-bit values survive readers that hold numbers as doubles.
 */
final class Manifest {
    private Manifest() {}

    static String json(BootTables tables) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"variant\": ")
                .append(JsonText.string(tables.architecture().name()))
                .append(",\n");
        out.append("  \"base\": ").append(JsonText.hex(tables.base())).append(",\n");
        out.append("  \"size\": ").append(JsonText.hex(tables.end() - tables.base())).append(",\n");
        out.append("  \"root-tables\": [");
        long[] roots = tables.rootTables();
        for (int i = 0; i < roots.length; i++) {
            out.append(i == 0 ? "" : ", ").append(JsonText.hex(roots[i]));
        }
        out.append("],\n  \"registers\": [\n");
        List<RegisterValue> registers = tables.registers().values();
        for (int i = 0; i < registers.size(); i++) {
            RegisterValue r = registers.get(i);
            out.append("    {\"name\": ")
                    .append(JsonText.string(r.name()))
                    .append(", \"role\": ")
                    .append(
                            JsonText.string(
                                    r.role().name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .append(", \"value\": ")
                    .append(JsonText.hex(r.value()))
                    .append(", \"meaning\": ")
                    .append(JsonText.string(r.meaning()))
                    .append('}')
                    .append(i + 1 < registers.size() ? ",\n" : "\n");
        }
        out.append("  ],\n  \"mappings\": [\n");
        List<BootMapping> mappings = tables.layout().mappings();
        for (int i = 0; i < mappings.size(); i++) {
            BootMapping m = mappings.get(i);
            out.append("    {\"index\": ")
                    .append(i)
                    .append(", \"name\": ")
                    .append(JsonText.string(m.name()))
                    .append(", \"virtual\": ")
                    .append(JsonText.hex(m.virtualStart()))
                    .append(", \"size\": ")
                    .append(JsonText.hex(m.size()));
            if (m.guard()) {
                out.append(", \"guard\": true");
            } else {
                MappingFlags flags =
                        Objects.requireNonNull(
                                m.flags(), "a mapping that is not a guard has flags");
                out.append(", \"physical\": ")
                        .append(JsonText.hex(m.physical()))
                        .append(", \"identity\": ")
                        .append(m.isIdentity())
                        .append(", \"rights\": ")
                        .append(JsonText.string(flags.rights().toString()))
                        .append(", \"memory-type\": ")
                        .append(
                                JsonText.string(
                                        flags.memoryType()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-')))
                        .append(", \"global\": ")
                        .append(flags.global());
            }
            Map<Long, Integer> leaves = new TreeMap<>();
            tables.leaves(m).forEach(l -> leaves.merge(l.entrySpan(), 1, Integer::sum));
            out.append(", \"").append(m.guard() ? "guard-entries" : "leaves").append("\": {");
            int k = 0;
            for (Map.Entry<Long, Integer> e : leaves.entrySet()) {
                out.append(k++ == 0 ? "" : ", ")
                        .append(JsonText.hex(e.getKey()))
                        .append(": ")
                        .append(e.getValue());
            }
            out.append("}}").append(i + 1 < mappings.size() ? ",\n" : "\n");
        }
        return out.append("  ]\n}\n").toString();
    }
}
