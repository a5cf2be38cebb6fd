package io.pagoda.conformance.familyfixture.crossarch;

import io.pagoda.conformance.testarch.KitToyProvider;

/**
 * An architecture's code reaching into another architecture (the kit's toy): the violation the rule
 * exists for.
 */
public final class ArchitectureUser {
    private ArchitectureUser() {}

    public static boolean isTheToysProvider(Object format) {
        return format instanceof KitToyProvider;
    }
}
