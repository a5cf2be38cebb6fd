/**
 * AArch64 VMSAv8-64 stage-1 translation (EL1&amp;0) for Pagoda: 4K, 16K and 64K granules with 39-,
 * 42-, 47- and 48-bit halves, TTBR0_EL1 for the lower range and TTBR1_EL1 for the upper,
 * ASID-tagged TLB maintenance and break-before-make. Variants are found by name through {@link
 * io.pagoda.paging.registry.Architectures}.
 */
@NullMarked
package io.pagoda.arch.aarch64;

import org.jspecify.annotations.NullMarked;
