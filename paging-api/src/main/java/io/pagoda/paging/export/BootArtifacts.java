package io.pagoda.paging.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes built tables for another machine, into one directory:
 *
 * <ul>
 *   <li>{@value #TABLES_BIN}: the tables, flat, to load at the layout's base ({@code [base, end)});
 *   <li>{@value #TABLES_OBJECT}: the same bytes as an ELF relocatable object with symbols (see
 *       {@link TablesObject});
 *   <li>{@value #HEADER} and {@value #INCLUDE}: the register values for C and GNU as;
 *   <li>{@value #MANIFEST}: registers and every mapped range, as JSON.
 * </ul>
 *
 * Every file is produced in memory first, so a value a format cannot hold is refused before
 * anything is written.
 */
public final class BootArtifacts {
    /** File name of the flat table image. */
    public static final String TABLES_BIN = "tables.bin";

    /** File name of the ELF relocatable object holding the tables. */
    public static final String TABLES_OBJECT = "tables.o";

    /** File name of the C header with the register values. */
    public static final String HEADER = "registers.h";

    /** File name of the GNU as include file with the register values. */
    public static final String INCLUDE = "registers.inc";

    /** File name of the JSON manifest. */
    public static final String MANIFEST = "manifest.json";

    private BootArtifacts() {}

    /**
     * Writes the five files into {@code directory} (created if missing) and returns their paths, in
     * the order above.
     *
     * @param tables the built tables
     * @param directory where the files go; existing files of the same names are replaced
     * @return the five paths
     * @throws ExportException when a value cannot be held by one of the formats; nothing is written
     *     then
     * @throws java.io.UncheckedIOException when the directory or a file cannot be written
     */
    public static List<Path> write(BootTables tables, Path directory) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TABLES_BIN, null);
        files.put(TABLES_OBJECT, TablesObject.bytes(tables));
        files.put(HEADER, RegisterText.header(tables).getBytes(StandardCharsets.UTF_8));
        files.put(INCLUDE, RegisterText.assemblyInclude(tables).getBytes(StandardCharsets.UTF_8));
        files.put(MANIFEST, Manifest.json(tables).getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                if (file.getValue() == null) {
                    MemoryExport.writeRaw(
                            tables.memory(), tables.base(), tables.end() - tables.base(), path);
                } else {
                    Files.write(path, file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the tables into " + directory + ": " + e.getMessage(), e);
        }
        return files.keySet().stream().map(directory::resolve).toList();
    }
}
