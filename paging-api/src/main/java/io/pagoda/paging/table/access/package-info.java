/**
 * The ways to reach a hierarchy's tables, side by side: at physical addresses (paging off, dumps),
 * through the active hierarchy's recursive slot, by temporary mapping in a kernel window (the
 * seed's way for inactive tables), and through a direct map. Each gives the table algorithms one
 * {@link io.pagoda.paging.table.TableView} per level.
 */
@NullMarked
package io.pagoda.paging.table.access;

import org.jspecify.annotations.NullMarked;
