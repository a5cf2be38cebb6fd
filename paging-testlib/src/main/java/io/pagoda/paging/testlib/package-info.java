/**
 * Oracles and fault injection for any architecture: the TLB tells the truth ({@link
 * io.pagoda.paging.testlib.TlbCoherenceCheck}, {@link io.pagoda.paging.testlib.CoherenceScenario}),
 * the inactive-hierarchy contract ({@link io.pagoda.paging.testlib.InactiveContractCheck}), a
 * hardware vector walks as the hardware does ({@link
 * io.pagoda.paging.testlib.HardwareVectorCheck}), invalidations counted ({@link
 * io.pagoda.paging.testlib.InvalidationCount}) and allocation failure at any point ({@link
 * io.pagoda.paging.testlib.FaultInjectingFrameAllocator}). Each check either returns what broke,
 * for a caller that gathers failures (the conformance kit), or asserts, failing with the same
 * sentence.
 */
@NullMarked
package io.pagoda.paging.testlib;

import org.jspecify.annotations.NullMarked;
