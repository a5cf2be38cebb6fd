/**
 * Pagoda's architecture-neutral values: addresses, rights, memory types, flags, page states and the
 * typed exceptions under {@link io.pagoda.paging.error.PagingException}.
 */
@NullMarked
package io.pagoda.paging;

import org.jspecify.annotations.NullMarked;
