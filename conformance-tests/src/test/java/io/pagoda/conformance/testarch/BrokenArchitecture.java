package io.pagoda.conformance.testarch;

import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Capabilities;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A bundled variant with one part replaced by a broken one (its entry format, or its TLB
 * instructions), under a name of its own, keeping the bundled variant's hand-written hardware
 * vectors: what a module author who copied a correct module and got one thing wrong would ship.
 */
public final class BrokenArchitecture extends ForwardingArchitecture {
    private final Architecture delegate;
    private final String name;
    private final UnaryOperator<EntryFormat> format;
    private final TlbInstructions replacedInstructions;
    private final List<TranslationRoot> roots = new ArrayList<>();
    private final TlbInstructions instructions;

    public BrokenArchitecture(
            Architecture delegate,
            String name,
            UnaryOperator<EntryFormat> format,
            TlbInstructions instructions) {
        this.delegate = delegate;
        this.name = name;
        this.format = format;
        this.replacedInstructions = instructions;
        for (TranslationRoot root : delegate.roots()) {
            roots.add(new Root(root, format.apply(root.format())));
        }
        this.instructions = instructions == null ? delegate.tlbInstructions() : instructions;
    }

    /** {@code delegate} with every root's format replaced by {@code format} of it. */
    public static BrokenArchitecture withFormat(
            Architecture delegate, String name, UnaryOperator<EntryFormat> format) {
        return new BrokenArchitecture(delegate, name, format, null);
    }

    /** {@code delegate} with other TLB instructions. */
    public static BrokenArchitecture withInstructions(
            Architecture delegate, String name, TlbInstructions instructions) {
        return new BrokenArchitecture(delegate, name, f -> f, instructions);
    }

    @Override
    public Architecture delegate() {
        return delegate;
    }

    /** The same defect in another (configured) variant. */
    @Override
    public Architecture withDelegate(Architecture other) {
        return new BrokenArchitecture(other, name, format, replacedInstructions);
    }

    @Override
    public String name() {
        return name;
    }

    /** None: the delegate's aliases name the correct variant, not this broken one. */
    @Override
    public Set<String> aliases() {
        return Set.of();
    }

    @Override
    public String description() {
        return delegate.description() + " (deliberately broken: " + name + ")";
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return instructions;
    }

    /** What the broken roots can express, not what the delegate's correct ones can. */
    @Override
    public Capabilities capabilities() {
        return Capabilities.of(this);
    }

    @Override
    public String toString() {
        return name;
    }

    private record Root(TranslationRoot delegate, EntryFormat format) implements TranslationRoot {
        @Override
        public String registerName() {
            return delegate.registerName();
        }

        @Override
        public Geometry geometry() {
            return delegate.geometry();
        }

        @Override
        public CanonicalForm canonicalForm() {
            return delegate.canonicalForm();
        }

        @Override
        public long tableAddress(long registerValue) {
            return delegate.tableAddress(registerValue);
        }

        @Override
        public int tag(long registerValue) {
            return delegate.tag(registerValue);
        }

        @Override
        public long registerValue(long tablePhysicalAddress, int tag) {
            return delegate.registerValue(tablePhysicalAddress, tag);
        }

        @Override
        public long rootAlignment() {
            return delegate.rootAlignment();
        }

        @Override
        public long rootAddressLimit() {
            return delegate.rootAddressLimit();
        }

        @Override
        public String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
            return delegate.rootLoadFault(memory, tablePhysicalAddress);
        }
    }
}
