/**
 * Independent models used as oracles: the flat page-by-page {@link
 * io.pagoda.paging.testlib.model.ReferenceModel} and the small {@link
 * io.pagoda.paging.testlib.model.ReferenceTlb}. Expected values come from here, never from the code
 * under test.
 */
@NullMarked
package io.pagoda.paging.testlib.model;

import org.jspecify.annotations.NullMarked;
