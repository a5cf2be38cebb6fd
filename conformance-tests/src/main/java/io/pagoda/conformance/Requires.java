package io.pagoda.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capabilities a contract test (or every test of a contract interface) needs. On a variant
 * without one of them the test does not run and the matrix shows it as {@code n/a}, never as a pass
 * ({@link CapabilityCondition}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    /**
     * The capabilities needed, all of them.
     *
     * @return the capabilities
     */
    Capability[] value();
}
