/** The table algorithms over simulated memory: map, guard, unmap, protect, translate and walk a hierarchy of page tables. */
package io.pagoda.paging.table;
