package io.pagoda.conformance;

/**
 * The kit's own run: every contract on every variant ServiceLoader finds (here the kit-toy ones,
 * later the real modules).
 */
class EveryArchitectureTest extends EveryArchitectureConformance {}
