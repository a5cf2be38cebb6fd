/** The registry of architectures found on the class path or module path, by name or alias. */
@NullMarked
package io.pagoda.paging.registry;

import org.jspecify.annotations.NullMarked;
