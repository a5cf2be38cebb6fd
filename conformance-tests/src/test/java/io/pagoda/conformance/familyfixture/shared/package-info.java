/**
 * A well-behaved architecture-family library for the module-rule tests: shared bits, no provider.
 */
@ArchitectureFamily
package io.pagoda.conformance.familyfixture.shared;

import io.pagoda.paging.spi.ArchitectureFamily;
