/**
 * The thread-safe {@link io.pagoda.paging.space.AddressSpace} facade: map (allocating frames), map
 * physical, guard, unmap, protect, translate, read and write through the simulated MMU, list
 * coalesced {@link io.pagoda.paging.space.MappingRange}s and find free space.
 */
@NullMarked
package io.pagoda.paging.space;

import org.jspecify.annotations.NullMarked;
