/**
 * The simulated MMU that makes page tables run: a {@link io.pagoda.paging.mmu.SimulatedTlb} that serves stale
 * translations until invalidated, a {@link io.pagoda.paging.mmu.SimulatedCpu} with root registers and
 * hardware-like faults, the {@link io.pagoda.paging.mmu.TlbFlusher} that picks per-page or full invalidation,
 * the ways to reach live tables (recursive, direct map, temporary mapping), active and inactive hierarchies
 * on a {@link io.pagoda.paging.mmu.Mmu}, and the reusable checks the conformance kit runs
 * ({@link io.pagoda.paging.mmu.TlbCoherenceCheck}, {@link io.pagoda.paging.mmu.CoherenceScenario},
 * {@link io.pagoda.paging.mmu.InvalidationCount}). Nothing here knows an architecture.
 */
package io.pagoda.paging.mmu;
