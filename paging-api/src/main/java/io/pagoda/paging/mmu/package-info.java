/**
 * Reusable checks the conformance kit runs on any architecture (TLB coherence, the inactive-hierarchy contract,
 * invalidation counts). Test support: it leaves paging-api for paging-testlib.
 */
package io.pagoda.paging.mmu;
