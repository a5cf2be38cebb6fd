/**
 * The simulated CPU: root registers, a TLB that serves stale translations until the right
 * invalidation runs, the hardware-like page walker every reader uses, the faults it raises, live
 * entry writes under the architecture's rules, and the flusher that picks per-page or full
 * invalidation. Nothing here knows an architecture.
 */
@NullMarked
package io.pagoda.paging.cpu;

import org.jspecify.annotations.NullMarked;
