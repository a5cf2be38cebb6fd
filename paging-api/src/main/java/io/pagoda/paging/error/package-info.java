/**
 * The exceptions of the paging model, all under {@link io.pagoda.paging.error.PagingException}:
 * each names what was wrong, where (address, level, entry) and what to do, and is thrown before
 * anything changed.
 */
@NullMarked
package io.pagoda.paging.error;

import org.jspecify.annotations.NullMarked;
