/**
 * The architecture SPI: what a paging variant provides (geometry, entry format, translation roots,
 * TLB instructions) and how it is found through {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.pagoda.paging.spi;

import org.jspecify.annotations.NullMarked;
