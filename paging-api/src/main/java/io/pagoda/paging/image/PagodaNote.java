package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.VariantCandidate;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The note Pagoda's own exporter writes into a core (name "PAGODA", type {@link #TYPE}): UTF-8
 * lines {@code key=value}, keys {@code arch} (variant name), {@code root}, {@code root-upper},
 * {@code tcr}, {@code mair}, numbers as {@code 0x} hex; {@code arch} and {@code root} are required,
 * unknown keys are skipped so later exporters can add some. It names the tables outright, so no
 * register decoding is needed.
 */
public record PagodaNote(
        String architecture,
        long root,
        OptionalLong rootUpper,
        OptionalLong tcr,
        OptionalLong mair) {
    /** The note's name, as the ELF note header gives it. */
    public static final String NAME = "PAGODA";

    /** The note's type: "PG" and version 1. */
    public static final long TYPE = 0x50470001L;

    // a handful of short lines: anything longer is not ours
    private static final int MAX_BYTES = 4096;

    /**
     * The tables the note names, as a candidate for the command's variant choice.
     *
     * @return the variant and its root register values, evidenced by the note
     */
    public VariantCandidate candidate() {
        List<Long> roots = new ArrayList<>();
        roots.add(root);
        rootUpper.ifPresent(roots::add);
        StringBuilder evidence =
                new StringBuilder(
                        "the core's PAGODA note: arch=" + architecture + ", root=" + Hex.of(root));
        rootUpper.ifPresent(v -> evidence.append(", root-upper=").append(Hex.of(v)));
        tcr.ifPresent(v -> evidence.append(", tcr=").append(Hex.of(v)));
        return new VariantCandidate(architecture, roots, tcr, evidence.toString());
    }

    static PagodaNote parse(Path file, ElfNote note) {
        String where = file + ": the PAGODA note at file offset " + Hex.of(note.fileOffset());
        if (note.descriptor().length > MAX_BYTES) {
            throw new CorruptImageException(
                    where
                            + " holds "
                            + note.descriptor().length
                            + " bytes, more than the "
                            + MAX_BYTES
                            + " its few key=value lines take; the note is corrupt");
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(note.descriptor()))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptImageException(
                    where + " is not UTF-8 text; it should hold lines key=value");
        }
        String architecture = null;
        Long root = null;
        Long rootUpper = null;
        Long tcr = null;
        Long mair = null;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            // a NUL terminator or the descriptor's padding after the last line
            String trimmed = line.replace("\0", "").strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new CorruptImageException(
                        where
                                + ", line "
                                + lineNumber
                                + ": '"
                                + printable(trimmed)
                                + "' is not key=value");
            }
            String key = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = trimmed.substring(equals + 1).strip();
            switch (key) {
                case "arch" -> architecture = value;
                case "root" -> root = hex(where, lineNumber, key, value);
                case "root-upper" -> rootUpper = hex(where, lineNumber, key, value);
                case "tcr" -> tcr = hex(where, lineNumber, key, value);
                case "mair" -> mair = hex(where, lineNumber, key, value);
                default -> {
                    // a key a later exporter added: not ours to refuse
                }
            }
        }
        if (architecture == null || architecture.isEmpty() || root == null) {
            throw new CorruptImageException(
                    where
                            + " lacks "
                            + (architecture == null || architecture.isEmpty() ? "arch=" : "root=")
                            + ": the note must name the variant (arch=) and the first root register (root=0x...)");
        }
        return new PagodaNote(
                architecture, root, optional(rootUpper), optional(tcr), optional(mair));
    }

    private static long hex(String where, int line, String key, String value) {
        if ((!value.startsWith("0x") && !value.startsWith("0X"))
                || value.length() < 3
                || value.length() > 18) {
            throw new CorruptImageException(
                    where
                            + ", line "
                            + line
                            + ": "
                            + key
                            + "="
                            + printable(value)
                            + " is not a 0x hex number of at most 16 digits");
        }
        try {
            return Long.parseUnsignedLong(value.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new CorruptImageException(
                    where
                            + ", line "
                            + line
                            + ": "
                            + key
                            + "="
                            + printable(value)
                            + " is not a 0x hex number of at most 16 digits");
        }
    }

    private static OptionalLong optional(@Nullable Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
