package io.pagoda.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code --plugin JAR}, accepted by every command (an inherited option of {@code pagoda}): the jars
 * and directories given are put on a class loader that becomes the thread's context class loader
 * while the command runs, so every {@code ServiceLoader} look-up the commands make ({@code
 * Architectures.discover()}, the TLB line formats, the conformance kit) finds the architectures
 * they hold. No command needs to know about it.
 */
final class Plugins implements IExecutionStrategy {
    /**
     * The option's name, shared by its declaration on {@link PagodaCommand} and the look-up here.
     */
    static final String OPTION = "--plugin";

    private final IExecutionStrategy delegate;

    Plugins(IExecutionStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public int execute(ParseResult parseResult) {
        List<Path> plugins = given(parseResult);
        if (plugins.isEmpty()) {
            return delegate.execute(parseResult);
        }
        CommandLine command = innermost(parseResult).commandSpec().commandLine();
        URL[] urls = new URL[plugins.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = checked(plugins.get(i));
            }
        } catch (UserError e) {
            throw new ExecutionException(command, e.getMessage(), e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader parent = previous != null ? previous : Plugins.class.getClassLoader();
        try (URLClassLoader loader = new URLClassLoader("pagoda-plugins", urls, parent)) {
            thread.setContextClassLoader(loader);
            return delegate.execute(parseResult);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plug-in class loader", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Every {@code --plugin} value, wherever on the command line (before or after the subcommand),
     * in order.
     */
    static List<Path> given(ParseResult parseResult) {
        List<Path> paths = new ArrayList<>();
        Set<OptionSpec> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            OptionSpec option = level.matchedOption(OPTION);
            if (option != null && seen.add(option)) {
                for (String text : option.originalStringValues()) {
                    paths.add(Path.of(text));
                }
            }
        }
        return paths;
    }

    private static ParseResult innermost(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        return last;
    }

    /**
     * A directory, or a file that is a jar (a zip): anything else would be skipped silently by the
     * class loader.
     */
    static URL checked(Path plugin) {
        if (!Files.exists(plugin)) {
            throw new UserError(
                    "plugin "
                            + plugin
                            + " does not exist; give a jar or directory with an architecture module");
        }
        if (!Files.isDirectory(plugin)) {
            try (ZipFile jar = new ZipFile(plugin.toFile())) {
                jar.size();
            } catch (IOException e) {
                throw new UserError(
                        "plugin "
                                + plugin
                                + " is not a jar ("
                                + e.getMessage()
                                + "); give a jar or directory with an architecture module",
                        e);
            }
        }
        try {
            return plugin.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UserError(
                    "plugin " + plugin + " cannot be used as a class-path entry: " + e.getMessage(),
                    e);
        }
    }
}
