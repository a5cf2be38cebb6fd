package io.pagoda.paging.spi;

import java.util.List;

/**
 * The service an architecture module registers (in {@code module-info} {@code provides} and in
 * {@code META-INF/services}); one provider may offer several variants.
 */
public interface ArchitectureProvider {
    List<Architecture> architectures();
}
