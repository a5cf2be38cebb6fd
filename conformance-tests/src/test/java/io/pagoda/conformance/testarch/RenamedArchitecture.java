package io.pagoda.conformance.testarch;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;

/**
 * An architecture under another name, so a broken wiring of a correct variant has its own row in
 * the matrix.
 */
public final class RenamedArchitecture implements Architecture {
    private final Architecture delegate;
    private final String name;

    public RenamedArchitecture(Architecture delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return delegate.description() + " (renamed " + name + ")";
    }

    @Override
    public List<TranslationRoot> roots() {
        return delegate.roots();
    }

    @Override
    public int physicalAddressBits() {
        return delegate.physicalAddressBits();
    }

    @Override
    public AddressLayout layout() {
        return delegate.layout();
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return delegate.tlbInstructions();
    }

    @Override
    public int tagBits() {
        return delegate.tagBits();
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return delegate.hardwareVectors();
    }
}
