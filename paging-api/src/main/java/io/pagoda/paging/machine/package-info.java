/**
 * A simulated machine: memory, a frame allocator, one CPU, and the hierarchies that run on it —
 * each {@link io.pagoda.paging.machine.SwitchableHierarchy} (the seed's inactive-hierarchy
 * contract: new, switch to, copy the kernel part, close) and the {@link
 * io.pagoda.paging.machine.ActiveHierarchy} a root register points at.
 */
@NullMarked
package io.pagoda.paging.machine;

import org.jspecify.annotations.NullMarked;
