package io.pagoda.cli;

import io.pagoda.paging.export.BootArtifacts;
import io.pagoda.paging.export.BootTables;
import io.pagoda.paging.export.ExportException;
import io.pagoda.paging.export.LayoutException;
import io.pagoda.paging.spi.RegisterValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda build}: boot page tables from a declarative layout ({@link LayoutFile}), written as
 * {@code tables.bin}, {@code tables.o}, {@code registers.h}, {@code registers.inc} and {@code
 * manifest.json} ({@link BootArtifacts}). The whole layout is checked and the tables built before
 * the output directory is touched.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description =
                "Build boot page tables from a JSON layout: a flat binary to load at the layout's base, an ELF object, "
                        + "C and assembler register values and a JSON manifest.")
final class BuildCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(
            names = "--layout",
            required = true,
            paramLabel = "FILE",
            description = "The layout (JSON); see docs/guide for its format.")
    Path layoutFile;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory for the five files (created if missing).")
    Path out;

    @Override
    public void run() {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(Files.readAllBytes(layoutFile)))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new UserError(layoutFile + " is not UTF-8 text; a layout is a JSON file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LayoutFile file = LayoutFile.read(layoutFile.toString(), text);
        BootTables tables;
        List<Path> written;
        try {
            tables = BootTables.build(file.layout());
            written = BootArtifacts.write(tables, out);
        } catch (LayoutException e) {
            throw file.locate(e);
        } catch (ExportException e) {
            throw new UserError(layoutFile + ": " + e.getMessage(), e);
        }
        PrintWriter print = spec.commandLine().getOut();
        print.println(
                tables.architecture().name()
                        + ": tables at "
                        + Numbers.hex(tables.base())
                        + ".."
                        + Numbers.hex(tables.end())
                        + " ("
                        + (tables.end() - tables.base())
                        + " bytes), "
                        + file.layout().mappings().size()
                        + " mappings");
        for (RegisterValue r : tables.registers().values()) {
            print.println(
                    "  " + r.name() + " = " + Numbers.hex(r.value()) + "  (" + r.meaning() + ")");
        }
        for (Path path : written) {
            print.println("wrote " + path);
        }
    }
}
