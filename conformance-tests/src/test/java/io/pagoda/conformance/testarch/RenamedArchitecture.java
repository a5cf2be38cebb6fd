package io.pagoda.conformance.testarch;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ForwardingArchitecture;
import java.util.Set;

/**
 * An architecture under another name, so a broken wiring of a correct variant has its own row in
 * the matrix.
 */
public final class RenamedArchitecture extends ForwardingArchitecture {
    private final Architecture delegate;
    private final String name;

    public RenamedArchitecture(Architecture delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public Architecture delegate() {
        return delegate;
    }

    @Override
    public Architecture withDelegate(Architecture other) {
        return new RenamedArchitecture(other, name);
    }

    @Override
    public String name() {
        return name;
    }

    /** None: the delegate's aliases would claim its names a second time in the registry. */
    @Override
    public Set<String> aliases() {
        return Set.of();
    }

    @Override
    public String description() {
        return delegate.description() + " (renamed " + name + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
