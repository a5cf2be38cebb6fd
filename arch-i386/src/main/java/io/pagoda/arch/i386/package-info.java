/**
 * The i386 architectures of Pagoda.
 *
 * <h2>Variants</h2>
 *
 * <table>
 *   <caption>variants</caption>
 *   <tr><th>name (aliases)</th><th>format</th><th>pages</th><th>not-executable requests</th></tr>
 *   <tr><td>{@code i386} (ia32, i386-32bit)</td><td>32-bit paging, PSE-36 with M' = 36</td>
 *       <td>4 KiB, 4 MiB</td><td>refused</td></tr>
 *   <tr><td>{@code i386-widen-exec} (ia32-widen-exec)</td><td>the same</td><td>4 KiB, 4 MiB</td>
 *       <td>mapped executable</td></tr>
 *   <tr><td>{@code i386-pae} (ia32-pae, pae)</td><td>PAE, M = 52, NX</td><td>4 KiB, 2 MiB</td>
 *       <td>XD set</td></tr>
 * </table>
 *
 * <h2>Rights the format cannot express</h2>
 *
 * Legacy 32-bit paging has no execute-disable bit, and no x86 format has a non-readable present
 * page. Pagoda never drops a right silently (the seed did):
 *
 * <ul>
 *   <li>rights without READABLE (write-only, execute-only, user-only) are refused by every variant
 *       with a {@link io.pagoda.paging.error.RightsNotExpressibleException};
 *   <li>readable rights without EXECUTABLE are refused by {@code i386} (the message names the two
 *       ways out), and widened to executable by {@code i386-widen-exec}, the variant whose name
 *       says so;
 *   <li>what a leaf or a walk reports is always what the processor enforces: every present legacy
 *       page reads back EXECUTABLE.
 * </ul>
 *
 * <h2>Memory types</h2>
 *
 * One mapping for every x86 variant, in the x86 family library ({@code
 * io.pagoda.arch.x86.PatLayout}): the SDM's power-on PAT, WRITE_BACK no bits, WRITE_THROUGH PWT,
 * UNCACHED (UC-) PCD, DEVICE (UC) PCD|PWT; WRITE_COMBINING is refused (the power-on PAT has no WC
 * entry).
 *
 * <h2>Assumed control bits</h2>
 *
 * CR0.WP=1, CR4.PSE=1, CR4.PGE=1, PAT supported; PAE also EFER.NXE=1. The PAE PDPTE registers are
 * modelled by checking the four PDPTEs whenever the root is loaded (a walk reads them from memory).
 */
@NullMarked
package io.pagoda.arch.i386;

import org.jspecify.annotations.NullMarked;
