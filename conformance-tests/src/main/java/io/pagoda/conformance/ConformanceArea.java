package io.pagoda.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the area of the matrix a contract interface's tests report to (encoding, map, model-random
 * ...).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConformanceArea {
    /**
     * The area's name, one of {@link ConformanceMatrix#AREAS}.
     *
     * @return the area
     */
    String value();
}
