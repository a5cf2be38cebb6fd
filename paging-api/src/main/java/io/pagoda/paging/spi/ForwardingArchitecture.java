package io.pagoda.paging.spi;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A variant that forwards every question to another one, in the style of Guava's {@code
 * Forwarding*} classes: a view that changes one part (the roots of an image read as loaded, a name,
 * a deliberately broken format) extends it and overrides only that part. Every method of {@link
 * Architecture}, default ones included, forwards here, so a method added to the SPI reaches the
 * delegate without each view remembering it (a test holds this).
 *
 * <p>Configuring a view configures its delegate through the delegate's provider and shows the
 * result through the same view again ({@link #withDelegate}), which {@link
 * io.pagoda.paging.registry.Architectures#configure} does.
 */
public abstract class ForwardingArchitecture implements Architecture {

    /** For subclasses. */
    protected ForwardingArchitecture() {}

    /**
     * The variant every question is forwarded to.
     *
     * @return the delegate
     */
    public abstract Architecture delegate();

    /**
     * This same view over another delegate: what configuring the view gives once its delegate is
     * configured.
     *
     * @param delegate the variant to view, typically {@link #delegate()} configured by its provider
     * @return a view that changes {@code delegate} as this one changes {@link #delegate()}
     */
    public abstract Architecture withDelegate(Architecture delegate);

    @Override
    public String name() {
        return delegate().name();
    }

    @Override
    public Set<String> aliases() {
        return delegate().aliases();
    }

    @Override
    public String description() {
        return delegate().description();
    }

    @Override
    public List<TranslationRoot> roots() {
        return delegate().roots();
    }

    @Override
    public OptionalInt rootIndexFor(long va) {
        return delegate().rootIndexFor(va);
    }

    @Override
    public int physicalAddressBits() {
        return delegate().physicalAddressBits();
    }

    @Override
    public AddressLayout layout() {
        return delegate().layout();
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return delegate().tlbInstructions();
    }

    @Override
    public int tagBits() {
        return delegate().tagBits();
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return delegate().hardwareVectors();
    }

    @Override
    public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
        return delegate().rootRegisters(rootTables, settings);
    }

    @Override
    public Capabilities capabilities() {
        return delegate().capabilities();
    }

    @Override
    public ElfIdentity elfIdentity() {
        return delegate().elfIdentity();
    }

    @Override
    public int tagRootIndex() {
        return delegate().tagRootIndex();
    }

    @Override
    public OptionalLong controlRegisterValue() {
        return delegate().controlRegisterValue();
    }

    @Override
    public String module() {
        return delegate().module();
    }

    /**
     * The delegate's text.
     *
     * @return {@code delegate().toString()}
     */
    @Override
    public String toString() {
        return delegate().toString();
    }
}
