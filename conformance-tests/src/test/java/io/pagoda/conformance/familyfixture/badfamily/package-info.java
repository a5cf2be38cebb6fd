/**
 * A "family library" that is really an architecture: it holds a provider and uses an architecture
 * module.
 */
@ArchitectureFamily
package io.pagoda.conformance.familyfixture.badfamily;

import io.pagoda.paging.spi.ArchitectureFamily;
