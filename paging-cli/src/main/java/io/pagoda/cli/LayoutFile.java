package io.pagoda.cli;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.UnknownArchitectureException;
import io.pagoda.paging.export.BootLayout;
import io.pagoda.paging.export.BootMapping;
import io.pagoda.paging.export.LayoutException;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.table.LeafSizePolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A boot layout file (JSON) read into a {@link BootLayout}. The format, every member but those
 * marked optional required:
 *
 * <pre>
 * {
 *   "variant": "x86_64",                    a name or alias from 'pagoda archs'
 *   "base": "0x100000",                     physical address the tables will be loaded at
 *   "table-space": "1MiB",                  optional: most bytes the tables may take (default 64 MiB)
 *   "tag": 0,                               optional: PCID / ASID of the root register
 *   "uncached-walks": false,                optional: CR3 PWT+PCD, TCR IRGN/ORGN = 0
 *   "common-not-private": false,            optional: AArch64 TTBRn.CnP
 *   "mappings": [
 *     { "name": "low memory",               optional label
 *       "virtual": "0x0", "size": "1GiB",
 *       "physical": "identity",             or an address
 *       "rights": "rwx",                    r, w, x, u ('u': user accessible)
 *       "memory-type": "write-back",        optional: write-back, write-through, write-combining, uncached, device
 *       "global": true,                     optional, default false
 *       "leaf-size": "largest",             optional: "largest" (default) or "pages"
 *       "max-leaf": "2MiB" },               optional cap on the leaf size
 *     { "virtual": "0x40000000", "size": "4KiB", "guard": true }
 *   ]
 * }
 * </pre>
 *
 * Numbers are JSON integers or strings: {@code 0x} hex, decimal, or a size with {@code KiB}, {@code
 * MiB}, {@code GiB} or {@code TiB}; underscores may group digits. Unknown members are refused, so a
 * typo never goes unnoticed. Every problem is one {@link UserError} line naming the file, the
 * mapping (its index from 0) and the field.
 */
final class LayoutFile {
    private static final Set<String> TOP =
            Set.of(
                    "variant",
                    "base",
                    "table-space",
                    "tag",
                    "uncached-walks",
                    "common-not-private",
                    "mappings");
    private static final Set<String> MAPPING =
            Set.of(
                    "name",
                    "virtual",
                    "size",
                    "physical",
                    "rights",
                    "memory-type",
                    "global",
                    "leaf-size",
                    "max-leaf",
                    "guard");

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final String source;
    private final List<Map<String, Json>> mappingObjects = new ArrayList<>();
    private Map<String, Json> topObject;
    private BootLayout layout;

    private LayoutFile(String source) {
        this.source = source;
    }

    /** The layout in {@code text}; {@code source} names the file in messages. */
    static LayoutFile read(String source, String text) {
        return new LayoutFile(source).parse(JsonReader.read(source, text));
    }

    /** The layout read. */
    BootLayout layout() {
        return layout;
    }

    private LayoutFile parse(Json root) {
        if (!(root.value() instanceof Map)) {
            throw new UserError(
                    source
                            + ":"
                            + root.where()
                            + ": a layout is a JSON object, not "
                            + root.kind());
        }
        topObject = root.object();
        unknown(topObject, TOP, -1);
        Json variantJson = required(topObject, "variant", -1);
        Architecture architecture;
        try {
            architecture = Architectures.discover().get(string(variantJson, "variant", -1));
        } catch (UnknownArchitectureException e) {
            throw fail(-1, "variant", variantJson, e.getMessage());
        }
        long base = number(required(topObject, "base", -1), "base", -1);
        long tableSpace =
                topObject.containsKey("table-space")
                        ? number(topObject.get("table-space"), "table-space", -1)
                        : BootLayout.DEFAULT_TABLE_SPACE;
        long tag = topObject.containsKey("tag") ? number(topObject.get("tag"), "tag", -1) : 0;
        if (tag > Integer.MAX_VALUE) {
            throw fail(-1, "tag", topObject.get("tag"), "a tag (PCID, ASID) is at most 16 bits");
        }
        RootSettings settings =
                new RootSettings(
                        (int) tag,
                        bool(topObject, "uncached-walks", -1, false),
                        bool(topObject, "common-not-private", -1, false));
        Json mappingsJson = required(topObject, "mappings", -1);
        if (!(mappingsJson.value() instanceof List)) {
            throw fail(
                    -1,
                    "mappings",
                    mappingsJson,
                    "expected an array of mappings, found " + mappingsJson.kind());
        }
        List<BootMapping> mappings = new ArrayList<>();
        List<Json> items = mappingsJson.array();
        for (int i = 0; i < items.size(); i++) {
            Json item = items.get(i);
            if (!(item.value() instanceof Map)) {
                throw new UserError(
                        source
                                + ":"
                                + item.where()
                                + ": mapping "
                                + i
                                + " is "
                                + item.kind()
                                + ", not an object");
            }
            mappingObjects.add(item.object());
            mappings.add(mapping(i, item.object()));
        }
        layout = new BootLayout(architecture, base, tableSpace, mappings, settings);
        return this;
    }

    private BootMapping mapping(int index, Map<String, Json> object) {
        unknown(object, MAPPING, index);
        String name = object.containsKey("name") ? string(object.get("name"), "name", index) : "";
        long virtual = number(required(object, "virtual", index), "virtual", index);
        long size = number(required(object, "size", index), "size", index);
        if (bool(object, "guard", index, false)) {
            for (String member :
                    List.of(
                            "physical",
                            "rights",
                            "memory-type",
                            "global",
                            "leaf-size",
                            "max-leaf")) {
                if (object.containsKey(member)) {
                    throw fail(
                            index,
                            member,
                            object.get(member),
                            "a guard maps nothing; drop \"" + member + "\" or \"guard\"");
                }
            }
            return BootMapping.guard(name, virtual, size);
        }
        Json physicalJson = required(object, "physical", index);
        OptionalLong physical =
                "identity".equals(physicalJson.value())
                        ? OptionalLong.empty()
                        : OptionalLong.of(number(physicalJson, "physical", index));
        Json rightsJson = required(object, "rights", index);
        MappingAccessRights rights;
        try {
            rights = MappingAccessRights.parse(string(rightsJson, "rights", index));
        } catch (IllegalArgumentException e) {
            throw fail(index, "rights", rightsJson, e.getMessage());
        }
        MemoryType type = MemoryType.WRITE_BACK;
        if (object.containsKey("memory-type")) {
            Json typeJson = object.get("memory-type");
            String text = string(typeJson, "memory-type", index);
            try {
                type = MemoryType.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw fail(
                        index,
                        "memory-type",
                        typeJson,
                        "'"
                                + text
                                + "' is not a memory type; use write-back, write-through, "
                                + "write-combining, uncached or device");
            }
        }
        MappingFlags flags = new MappingFlags(rights, type, bool(object, "global", index, false));
        LeafSizePolicy policy = LeafSizePolicy.LARGEST_FITTING;
        if (object.containsKey("leaf-size")) {
            Json leafJson = object.get("leaf-size");
            String text = string(leafJson, "leaf-size", index);
            policy =
                    switch (text) {
                        case "largest" -> LeafSizePolicy.LARGEST_FITTING;
                        case "pages" -> LeafSizePolicy.PAGES_ONLY;
                        default ->
                                throw fail(
                                        index,
                                        "leaf-size",
                                        leafJson,
                                        "'" + text + "' is neither \"largest\" nor \"pages\"");
                    };
        }
        long cap =
                object.containsKey("max-leaf")
                        ? number(object.get("max-leaf"), "max-leaf", index)
                        : 0;
        if (cap != 0 && policy.equals(LeafSizePolicy.PAGES_ONLY)) {
            throw fail(
                    index,
                    "max-leaf",
                    object.get("max-leaf"),
                    "a cap means nothing with \"leaf-size\": \"pages\"; drop one of them");
        }
        return new BootMapping(name, virtual, size, physical, flags, policy, cap, false);
    }

    /** The problem the API found, turned into one line at the field's place in the file. */
    UserError locate(LayoutException e) {
        Map<String, Json> object = e.mapping() < 0 ? topObject : mappingObjects.get(e.mapping());
        String field = e.field().replace(" (identity)", "");
        Json at = object.get(field);
        if (at == null && "mapping".equals(field)) {
            at = object.get("virtual");
        }
        return new UserError(
                source + (at == null ? "" : ":" + at.where()) + ": " + e.getMessage(), e);
    }

    private UserError fail(int index, String field, Json at, String problem) {
        String who = index < 0 ? "layout" : "mapping " + index;
        return new UserError(
                source + ":" + at.where() + ": " + who + ", field '" + field + "': " + problem);
    }

    private Json required(Map<String, Json> object, String field, int index) {
        Json value = object.get(field);
        if (value == null) {
            String who = index < 0 ? "layout" : "mapping " + index;
            throw new UserError(
                    source
                            + ": "
                            + who
                            + ", field '"
                            + field
                            + "': missing; every "
                            + (index < 0 ? "layout" : "mapping")
                            + " needs it");
        }
        return value;
    }

    private void unknown(Map<String, Json> object, Set<String> known, int index) {
        for (Map.Entry<String, Json> member : object.entrySet()) {
            if (!known.contains(member.getKey())) {
                throw fail(
                        index,
                        member.getKey(),
                        member.getValue(),
                        "unknown member; known ones are "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private String string(Json value, String field, int index) {
        if (!(value.value() instanceof String s)) {
            throw fail(index, field, value, "expected a string, found " + value.kind());
        }
        return s;
    }

    private boolean bool(Map<String, Json> object, String field, int index, boolean otherwise) {
        Json value = object.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value.value() instanceof Boolean b)) {
            throw fail(index, field, value, "expected true or false, found " + value.kind());
        }
        return b;
    }

    private long number(Json value, String field, int index) {
        if (value.value() instanceof BigDecimal decimal) {
            BigInteger integer;
            try {
                integer = decimal.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw fail(index, field, value, decimal + " is not a whole number");
            }
            if (integer.signum() < 0 || integer.compareTo(TWO_TO_64) >= 0) {
                throw fail(index, field, value, decimal + " is outside 0..2^64-1");
            }
            return integer.longValue();
        }
        if (!(value.value() instanceof String text)) {
            throw fail(
                    index,
                    field,
                    value,
                    "expected a number or a string such as \"0x1000\" or \"2MiB\", found "
                            + value.kind());
        }
        String s = text.trim().replace("_", "");
        long unit = 1;
        for (String[] suffix :
                new String[][] {{"KiB", "10"}, {"MiB", "20"}, {"GiB", "30"}, {"TiB", "40"}}) {
            if (s.endsWith(suffix[0])) {
                unit = 1L << Integer.parseInt(suffix[1]);
                s = s.substring(0, s.length() - 3).trim();
            }
        }
        long number;
        try {
            number = Numbers.parse(s);
        } catch (RuntimeException e) {
            throw fail(
                    index,
                    field,
                    value,
                    "'" + text + "' is not a number: write 0x1000, 4096 or 4KiB");
        }
        if (unit > 1 && (number > Long.MAX_VALUE / unit || number < 0)) {
            throw fail(index, field, value, "'" + text + "' is larger than 2^63");
        }
        return number * unit;
    }
}
