/**
 * The one toy architecture of Pagoda's tests: made-up entry bits and a few geometries (unequal
 * fan-out with a partial top table, uniform, four levels, two roots), away from any real hardware,
 * with {@link io.pagoda.paging.testlib.toy.ToyIndex} as an independent reader of its tables. Tests
 * that need it broken or renamed build their variant on it.
 */
@NullMarked
package io.pagoda.paging.testlib.toy;

import org.jspecify.annotations.NullMarked;
