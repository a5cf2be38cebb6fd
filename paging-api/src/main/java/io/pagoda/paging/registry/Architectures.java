package io.pagoda.paging.registry;

import io.pagoda.paging.error.DuplicateArchitectureException;
import io.pagoda.paging.error.UnknownArchitectureException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.VariantCandidate;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The architectures on the class path or module path, found through {@link ServiceLoader} and
 * selected by name or alias (case-insensitive), the way {@code java.nio.file.FileSystems} selects
 * providers.
 */
public final class Architectures {
    // keyed by the context class loader (or the boot layer): an application that changes its
    // context loader,
    // as a container does per deployment, gets that loader's architectures
    private static final Map<Object, Architectures> DISCOVERED = new WeakHashMap<>();

    private final List<Architecture> all;
    private final Map<String, Architecture> byName;
    // each provider with the variants it offered, for the questions asked per provider (machines,
    // CPU state)
    private final Map<ArchitectureProvider, List<Architecture>> byProvider = new LinkedHashMap<>();

    private Architectures(Iterable<ArchitectureProvider> providers) {
        List<Architecture> found = new ArrayList<>();
        Map<String, Architecture> names = new LinkedHashMap<>();
        for (ArchitectureProvider provider : providers) {
            List<Architecture> offered = provider.architectures();
            byProvider.put(provider, offered);
            for (Architecture architecture : offered) {
                found.add(architecture);
                claim(names, architecture.name(), architecture);
                for (String alias : architecture.aliases()) {
                    claim(names, alias, architecture);
                }
            }
        }
        this.all = Collections.unmodifiableList(found);
        this.byName = names;
    }

    private static void claim(
            Map<String, Architecture> names, String name, Architecture architecture) {
        String key = name.toLowerCase(Locale.ROOT);
        Architecture previous = names.putIfAbsent(key, architecture);
        if (previous != null) {
            throw new DuplicateArchitectureException(
                    "two architectures claim the name '"
                            + name
                            + "': "
                            + previous.name()
                            + " from "
                            + previous.module()
                            + " and "
                            + architecture.name()
                            + " from "
                            + architecture.module()
                            + "; remove one of the modules or rename a variant");
        }
    }

    /**
     * Every architecture the context class loader (or, on the module path, the boot layer)
     * provides. Found once per class loader and kept, as {@code
     * FileSystemProvider.installedProviders()} keeps its providers: a provider's constructor runs
     * once, and every caller sees the same variants.
     *
     * @return the registry of every architecture found
     * @throws io.pagoda.paging.error.DuplicateArchitectureException when two architectures claim
     *     the same name or alias
     */
    public static Architectures discover() {
        if (Architectures.class.getModule().isNamed()) {
            return cached(
                    ModuleLayer.boot(),
                    () -> new Architectures(ServiceLoader.load(ArchitectureProvider.class)));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return cached(loader, () -> discover(loader));
    }

    /**
     * The architectures of a given class loader (a plug-in directory, a test): a fresh discovery at
     * each call, since such loaders come and go; keep the result.
     *
     * @param loader the class loader whose {@code META-INF/services} entries are read
     * @return the registry of the architectures it provides
     * @throws io.pagoda.paging.error.DuplicateArchitectureException when two architectures claim
     *     the same name or alias
     */
    public static Architectures discover(ClassLoader loader) {
        return new Architectures(ServiceLoader.load(ArchitectureProvider.class, loader));
    }

    private static Architectures cached(Object key, Supplier<Architectures> discovery) {
        synchronized (DISCOVERED) {
            Architectures found = DISCOVERED.get(key);
            if (found == null) {
                // a failed discovery (two modules claiming one name) is not kept: the next call
                // reports it again
                found = discovery.get();
                DISCOVERED.put(key, found);
            }
            return found;
        }
    }

    /**
     * The architectures of these providers only.
     *
     * @param providers the providers, in listing order
     * @return the registry of their architectures
     * @throws io.pagoda.paging.error.DuplicateArchitectureException when two architectures claim
     *     the same name or alias
     */
    public static Architectures of(ArchitectureProvider... providers) {
        return new Architectures(List.of(providers));
    }

    /**
     * Every architecture found, in provider order.
     *
     * @return the architectures, unmodifiable
     */
    public List<Architecture> all() {
        return all;
    }

    /**
     * The variants whose providers claim cores of ELF machine {@code machine} ({@link
     * ArchitectureProvider#elfMachines()}); empty when no provider does.
     *
     * @param machine the core's ELF {@code e_machine}
     * @return the variants claiming it, in provider order
     */
    public List<Architecture> forElfMachine(int machine) {
        List<Architecture> matching = new ArrayList<>();
        byProvider.forEach(
                (provider, offered) -> {
                    if (provider.elfMachines().contains(machine)) {
                        matching.addAll(offered);
                    }
                });
        return matching;
    }

    /**
     * What every provider reads from one CPU's saved registers ({@link
     * ArchitectureProvider#candidatesFrom}), in provider order.
     *
     * @param registers one CPU's saved registers
     * @return every provider's candidates, in provider order; empty when none recognises the
     *     registers
     */
    public List<VariantCandidate> candidatesFrom(CpuRegisters registers) {
        List<VariantCandidate> candidates = new ArrayList<>();
        for (ArchitectureProvider provider : byProvider.keySet()) {
            candidates.addAll(provider.candidatesFrom(registers));
        }
        return candidates;
    }

    /**
     * {@code variant} configured from saved registers by the provider that offers it ({@link
     * ArchitectureProvider#offers}, {@link ArchitectureProvider#configure}), so a caller needs no
     * provider: {@code configure(get("aarch64"), VariantConfiguration.none()
     * .withTranslationControl(tcr))}. A view ({@link ForwardingArchitecture}, such as an image's
     * loaded roots) no provider offers is configured through its delegate and shown through the
     * same view again.
     *
     * @param variant a variant of one of this registry's providers, or a view of one
     * @param configuration the registers to configure it from
     * @return the configured variant; {@code variant} itself when the configuration changes nothing
     * @throws io.pagoda.paging.error.VariantConfigurationException naming the variant and the
     *     register when the variant takes no such register; nothing is configured
     * @throws IllegalArgumentException when no provider of this registry offers {@code variant}, or
     *     a register holds a value the variant does not model
     */
    public Architecture configure(Architecture variant, VariantConfiguration configuration) {
        for (ArchitectureProvider provider : byProvider.keySet()) {
            if (provider.offers(variant)) {
                return provider.configure(variant, configuration);
            }
        }
        if (variant instanceof ForwardingArchitecture view) {
            Architecture delegate = view.delegate();
            Architecture configured = configure(delegate, configuration);
            return configured == delegate ? view : view.withDelegate(configured);
        }
        List<String> providers = new ArrayList<>();
        for (ArchitectureProvider provider : byProvider.keySet()) {
            providers.add(provider.getClass().getName());
        }
        throw new IllegalArgumentException(
                variant.name()
                        + " is offered by none of the providers found ("
                        + (providers.isEmpty() ? "none" : String.join(", ", providers))
                        + "); configure it through the registry that found it, or register its"
                        + " provider");
    }

    /**
     * Every name and alias, sorted.
     *
     * @return the names and aliases, sorted
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(byName.keySet());
        Collections.sort(names);
        return names;
    }

    /**
     * The architecture with this name or alias, ignoring case.
     *
     * @param name a name or alias
     * @return the architecture, or empty when none has the name
     */
    public Optional<Architecture> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The architecture with this name or alias.
     *
     * @throws UnknownArchitectureException naming every known architecture when none matches
     * @param name a name or alias, any case
     * @return the architecture
     */
    public Architecture get(String name) {
        Architecture architecture = byName.get(name.toLowerCase(Locale.ROOT));
        if (architecture == null) {
            List<String> known = new ArrayList<>();
            for (Architecture a : all) {
                known.add(a.name());
            }
            throw new UnknownArchitectureException(
                    "unknown architecture '"
                            + name
                            + "'; known: "
                            + (known.isEmpty()
                                    ? "none (no architecture module is on the class path or module path)"
                                    : String.join(", ", known)));
        }
        return architecture;
    }
}
