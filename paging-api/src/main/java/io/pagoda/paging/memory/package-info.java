/**
 * Simulated physical memory and the frame allocators that hand out its frames for page tables and
 * mapped pages.
 */
@NullMarked
package io.pagoda.paging.memory;

import org.jspecify.annotations.NullMarked;
