package io.pagoda.paging.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package as an architecture-family library: code several architecture modules of one
 * family share (the x86 PAT and entry bits for i386 and x86-64, say), written once instead of
 * copied. Such a package is not an architecture: it holds no {@link ArchitectureProvider}, no
 * {@link Architecture} and knows no variant. The conformance kit's module rules let an architecture
 * module depend on a package carrying this annotation, and on no other architecture's code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ArchitectureFamily {}
