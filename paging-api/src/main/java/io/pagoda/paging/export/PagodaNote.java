package io.pagoda.paging.export;

import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RootRegisters;
import java.nio.charset.StandardCharsets;

/**
 * The note that lets Pagoda's image reader find the roots of an exported core without {@code
 * --root}: name {@value #NAME}, type {@code 0x50470001} ("PG" 1), descriptor UTF-8 lines {@code
 * key=value\n} with keys {@code arch} (the variant's name) and {@code root} (the first root
 * register's raw value) always, and {@code root-upper} (second root register), {@code tcr}
 * (translation control) and {@code mair} (memory attributes) when the architecture has them.
 * Numbers are hexadecimal with {@code 0x}.
 */
public final class PagodaNote {
    /** The note's name. */
    public static final String NAME = "PAGODA";

    /** The note's type: "PG" and version 1. */
    public static final int TYPE = 0x50470001;

    private PagodaNote() {}

    /**
     * The note for variant {@code architectureName} loaded with {@code registers}.
     *
     * @param architectureName the variant's name
     * @param registers the values the variant is loaded with; a root register is required
     * @return the note
     * @throws ExportException when the name is empty or holds a line break or '=', or the registers
     *     name no root register
     */
    public static CoreNote of(String architectureName, RootRegisters registers) {
        if (architectureName.isEmpty()
                || architectureName.contains("\n")
                || architectureName.contains("=")) {
            throw new ExportException(
                    "variant name '"
                            + architectureName
                            + "' cannot be written as a note value; "
                            + "give a variant name without line breaks or '='");
        }
        StringBuilder text = new StringBuilder();
        text.append("arch=").append(architectureName).append('\n');
        long root =
                registers
                        .withRole(RegisterRole.ROOT)
                        .orElseThrow(
                                () ->
                                        new ExportException(
                                                "the registers of "
                                                        + architectureName
                                                        + " name no root register; "
                                                        + "the core could not be read back without --root"))
                        .value();
        line(text, "root", root);
        registers
                .withRole(RegisterRole.ROOT_UPPER)
                .ifPresent(v -> line(text, "root-upper", v.value()));
        registers
                .withRole(RegisterRole.TRANSLATION_CONTROL)
                .ifPresent(v -> line(text, "tcr", v.value()));
        registers
                .withRole(RegisterRole.MEMORY_ATTRIBUTES)
                .ifPresent(v -> line(text, "mair", v.value()));
        return new CoreNote(NAME, TYPE, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder text, String key, long value) {
        text.append(key).append("=0x").append(Long.toHexString(value)).append('\n');
    }
}
