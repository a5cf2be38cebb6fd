/** Optional Guice wiring of a simulated machine (needs Guice on the class path or module path). */
@NullMarked
package io.pagoda.paging.inject;

import org.jspecify.annotations.NullMarked;
