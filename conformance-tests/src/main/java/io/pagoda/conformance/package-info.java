/**
 * The conformance kit: one suite that proves any architecture module.
 *
 * <p>An author adds this jar at test scope and writes one class implementing {@link
 * io.pagoda.conformance.ArchitectureConformance} that names the variant ({@code
 * architectureName()}) and may override how the system under test is assembled ({@code
 * overrides()}: Guice bindings laid over {@link io.pagoda.paging.inject.PagingModule}). Each area
 * is a contract interface of default test methods ({@link io.pagoda.conformance.EncodingContract},
 * ..., {@link io.pagoda.conformance.ModelRandomContract}); expected values come from independent
 * models (hand-written hardware vectors, the flat {@link
 * io.pagoda.paging.testlib.model.ReferenceModel}, the small {@link
 * io.pagoda.paging.testlib.model.ReferenceTlb}), never from the code under test. A build writes
 * {@code target/conformance/matrix.md} and {@code matrix.json}; {@link
 * io.pagoda.conformance.ConformanceRunner} runs the kit programmatically and returns the {@link
 * io.pagoda.conformance.ConformanceMatrix}. {@link io.pagoda.conformance.ArchitectureModuleRules}
 * holds the ArchUnit rules of an architecture module.
 */
package io.pagoda.conformance;
