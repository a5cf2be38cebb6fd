/** Simulated physical memory and the frame allocators that hand out its frames for page tables and mapped pages. */
package io.pagoda.paging.memory;
