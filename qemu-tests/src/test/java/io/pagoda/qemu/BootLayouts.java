package io.pagoda.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layouts the boot-table tests build, written as a user writes them (JSON for {@code pagoda
 * build}), and the same mappings kept here as plain values: they are the expectation QEMU's answers
 * are judged against.
 */
final class BootLayouts {
    /**
     * One mapping of a layout.
     *
     * @param physical -1 for identity; ignored for a guard
     */
    record Mapping(
            String name,
            long virtual,
            long size,
            long physical,
            String rights,
            boolean global,
            String extra,
            boolean guard) {
        long physicalStart() {
            return physical < 0 ? virtual : physical;
        }

        boolean contains(long va) {
            return Long.compareUnsigned(va, virtual) >= 0
                    && Long.compareUnsigned(va - virtual, size) < 0;
        }

        String json() {
            StringBuilder out =
                    new StringBuilder(
                            "    {\"name\": \""
                                    + name
                                    + "\", \"virtual\": \""
                                    + hex(virtual)
                                    + "\", \"size\": \""
                                    + hex(size)
                                    + "\"");
            if (guard) {
                out.append(", \"guard\": true");
            } else {
                out.append(", \"physical\": ")
                        .append(physical < 0 ? "\"identity\"" : "\"" + hex(physical) + "\"")
                        .append(", \"rights\": \"")
                        .append(rights)
                        .append("\", \"global\": ")
                        .append(global)
                        .append(extra);
            }
            return out.append('}').toString();
        }
    }

    record Layout(String variant, long base, List<Mapping> mappings) {
        String json() {
            List<String> items = new ArrayList<>();
            mappings.forEach(m -> items.add(m.json()));
            return "{\n  \"variant\": \""
                    + variant
                    + "\",\n  \"base\": \""
                    + hex(base)
                    + "\",\n  \"mappings\": [\n"
                    + String.join(",\n", items)
                    + "\n  ]\n}\n";
        }

        /** Whether any mapping (or guard) covers {@code va}. */
        boolean covers(long va) {
            return mappings.stream().anyMatch(m -> m.contains(va));
        }
    }

    private BootLayouts() {}

    static Mapping map(
            String name, long virtual, long size, long physical, String rights, boolean global) {
        return new Mapping(name, virtual, size, physical, rights, global, "", false);
    }

    static Mapping identity(String name, long start, long size, String rights) {
        return new Mapping(name, start, size, -1, rights, false, "", false);
    }

    static Mapping guard(String name, long virtual, long size) {
        return new Mapping(name, virtual, size, -1, "", false, "", true);
    }

    static Mapping with(Mapping m, String extraJson) {
        return new Mapping(
                m.name(),
                m.virtual(),
                m.size(),
                m.physical(),
                m.rights(),
                m.global(),
                extraJson,
                m.guard());
    }

    /** An identity map of low memory plus a higher-half kernel, for one x86 variant. */
    static Layout x86(String variant) {
        long base = 0x0010_0000L;
        boolean wide = variant.startsWith("x86_64");
        String x =
                variant.equals("i386")
                        ? "x"
                        : ""; // 32-bit paging has no NX: every page is executable
        List<Mapping> m = new ArrayList<>();
        if (wide) {
            m.add(with(identity("low memory", 0, 1L << 30, "rwx"), ", \"max-leaf\": \"2MiB\""));
            m.add(map("kernel text", 0xFFFF_FFFF_8000_0000L, 16L << 20, 0x0100_0000L, "rx", true));
            m.add(
                    with(
                            map(
                                    "kernel data",
                                    0xFFFF_FFFF_8100_0000L,
                                    0x3000,
                                    0x0200_0000L,
                                    "rw",
                                    true),
                            ", \"leaf-size\": \"pages\""));
            m.add(guard("stack guard", 0xFFFF_FFFF_8100_3000L, 0x1000));
            m.add(map("direct map", 0xFFFF_8880_0000_0000L, 2L << 30, 0, "rw", true));
            if (variant.equals("x86_64-la57")) {
                m.add(
                        map(
                                "above 47 bits",
                                0x0000_9000_0000_0000L,
                                4L << 20,
                                0x4000_0000L,
                                "rw" + "u",
                                false));
            } else {
                m.add(map("user", 0x0000_0040_0000_0000L, 0x5000, 0x0300_0000L, "rwu", false));
            }
        } else {
            m.add(identity("low memory", 0, 16L << 20, "rwx"));
            m.add(map("kernel text", 0xC000_0000L, 8L << 20, 0x0040_0000L, "rx", true));
            m.add(
                    with(
                            map("kernel data", 0xC100_0000L, 0x3000, 0x0200_0000L, "rw" + x, true),
                            ", \"leaf-size\": \"pages\""));
            m.add(guard("stack guard", 0xC100_3000L, 0x1000));
            m.add(map("user", 0x0800_0000L, 0x5000, 0x0300_0000L, "rwu" + x, false));
        }
        return new Layout(variant, base, m);
    }

    /**
     * An identity map of RAM and the UART plus a higher-half kernel, for one AArch64 variant (sizes
     * fit every granule).
     */
    static Layout aarch64(String variant) {
        List<Mapping> m = new ArrayList<>();
        m.add(identity("ram", 0x4000_0000L, 1L << 30, "rwx"));
        m.add(
                with(
                        identity("uart", 0x0900_0000L, 0x1_0000L, "rw"),
                        ", \"memory-type\": \"device\""));
        m.add(map("kernel text", 0xFFFF_8000_0000_0000L, 64L << 20, 0x4000_0000L, "rx", true));
        m.add(
                with(
                        map(
                                "kernel data",
                                0xFFFF_8000_0400_0000L,
                                0x3_0000L,
                                0x4800_0000L,
                                "rw",
                                true),
                        ", \"leaf-size\": \"pages\""));
        m.add(guard("stack guard", 0xFFFF_8000_0403_0000L, 0x1_0000L));
        m.add(map("user", 0x0000_0040_0000_0000L, 0x4_0000L, 0x4900_0000L, "rwu", false));
        return new Layout(variant, 0x4800_0000L, m);
    }

    /**
     * A register value from manifest.json, read with a pattern of its own rather than Pagoda's
     * code.
     */
    static long register(String manifest, String name) {
        Matcher m =
                Pattern.compile(
                                "\"name\": \""
                                        + Pattern.quote(name)
                                        + "\", \"role\": \"[a-z-]+\", \"value\": \"0x([0-9a-f]+)\"")
                        .matcher(manifest);
        if (!m.find()) {
            throw new AssertionError("manifest.json names no register " + name + ":\n" + manifest);
        }
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    /** The leaf count manifest.json gives for all mappings together. */
    static int leafCount(String manifest) {
        Matcher m = Pattern.compile("\"leaves\": \\{([^}]*)\\}").matcher(manifest);
        int total = 0;
        while (m.find()) {
            for (String part : m.group(1).split(",")) {
                if (!part.isBlank()) {
                    total += Integer.parseInt(part.substring(part.indexOf(':') + 1).trim());
                }
            }
        }
        return total;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
