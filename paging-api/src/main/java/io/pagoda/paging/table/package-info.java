/**
 * The table algorithms over simulated memory: map, guard, unmap, protect, translate and walk a
 * hierarchy of page tables.
 */
@NullMarked
package io.pagoda.paging.table;

import org.jspecify.annotations.NullMarked;
