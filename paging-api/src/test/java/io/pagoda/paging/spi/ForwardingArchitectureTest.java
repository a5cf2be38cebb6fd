package io.pagoda.paging.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ForwardingArchitecture overrides every method of the SPI, default ones included, and each
 * override hands the call to the delegate: a method added to {@link Architecture} and forgotten
 * here would otherwise answer with the SPI's default in every view (as the loaded view of an image
 * once lost its variant's control register, root registers, capabilities and ELF identity).
 */
class ForwardingArchitectureTest {

    /** What the recording delegate answers, per return type; other types answer null. */
    private static final Map<Class<?>, Object> ANSWERS =
            Map.of(
                    String.class, "delegate's answer",
                    int.class, 7,
                    Set.class, Set.of("delegate's alias"),
                    List.class, List.of(),
                    OptionalInt.class, OptionalInt.of(1),
                    OptionalLong.class, OptionalLong.of(0x5_8010_0010L));

    private static List<Method> spiMethods() {
        List<Method> methods = new ArrayList<>();
        for (Method method : Architecture.class.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isStatic(modifiers)
                    && !Modifier.isPrivate(modifiers)
                    && !method.isSynthetic()) {
                methods.add(method);
            }
        }
        return methods;
    }

    @Test
    void everyMethodOfTheSpiIsOverridden() {
        List<String> missing = new ArrayList<>();
        for (Method method : spiMethods()) {
            try {
                Method override =
                        ForwardingArchitecture.class.getDeclaredMethod(
                                method.getName(), method.getParameterTypes());
                if (Modifier.isAbstract(override.getModifiers())) {
                    missing.add(method.getName() + " (abstract)");
                }
            } catch (NoSuchMethodException e) {
                missing.add(method.getName());
            }
        }
        assertTrue(missing.isEmpty(), "not forwarded by ForwardingArchitecture: " + missing);
        // the SPI is not empty: the reflection saw its methods
        assertTrue(spiMethods().size() >= 16, "SPI methods seen: " + spiMethods());
    }

    @Test
    void everyMethodHandsTheCallAndItsArgumentsToTheDelegate() throws Exception {
        List<String> calls = new ArrayList<>();
        Architecture delegate =
                (Architecture)
                        Proxy.newProxyInstance(
                                Architecture.class.getClassLoader(),
                                new Class<?>[] {Architecture.class},
                                (proxy, method, args) -> {
                                    if (method.getDeclaringClass() == Object.class
                                            && !method.getName().equals("toString")) {
                                        throw new AssertionError(method + " is not forwarded");
                                    }
                                    calls.add(
                                            method.getName()
                                                    + Arrays.deepToString(
                                                            args == null ? new Object[0] : args));
                                    return ANSWERS.get(method.getReturnType());
                                });
        ForwardingArchitecture view = new View(delegate);
        for (Method method : spiMethods()) {
            Object[] args = argumentsFor(method);
            calls.clear();
            Object answer;
            try {
                answer = method.invoke(view, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(method.getName() + " failed", e.getCause());
            }
            assertEquals(
                    List.of(method.getName() + Arrays.deepToString(args)),
                    calls,
                    method.getName() + " must call the delegate once, with the same arguments");
            if (method.getReturnType() == int.class) {
                assertEquals(7, answer, method.getName() + " must return the delegate's answer");
            } else {
                assertSame(
                        ANSWERS.get(method.getReturnType()),
                        answer,
                        method.getName() + " must return the delegate's answer");
            }
        }
        calls.clear();
        assertEquals("delegate's answer", view.toString());
        assertEquals(List.of("toString[]"), calls);
    }

    @Test
    void aViewChangesOnlyWhatItOverrides() {
        Architecture delegate =
                (Architecture)
                        Proxy.newProxyInstance(
                                Architecture.class.getClassLoader(),
                                new Class<?>[] {Architecture.class},
                                (proxy, method, args) -> ANSWERS.get(method.getReturnType()));
        ForwardingArchitecture renamed =
                new View(delegate) {
                    @Override
                    public String name() {
                        return "renamed";
                    }
                };
        assertEquals("renamed", renamed.name());
        assertEquals("delegate's answer", renamed.description());
        assertSame(delegate, renamed.delegate());
        assertFalse(renamed.aliases().isEmpty());
    }

    private static Object[] argumentsFor(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (type == long.class) {
                args[i] = 0xFFFF_8000_0000_1000L + i;
            } else if (type == int.class) {
                args[i] = 3 + i;
            } else if (type == long[].class) {
                args[i] = new long[] {0x20_0000L, 0x40_0000L};
            } else if (type == RootSettings.class) {
                args[i] = RootSettings.DEFAULT;
            } else {
                throw new AssertionError(
                        "no test argument for " + type + " of " + method + "; add one here");
            }
        }
        return args;
    }

    /** The smallest view: changes nothing. */
    private static class View extends ForwardingArchitecture {
        private final Architecture delegate;

        View(Architecture delegate) {
            this.delegate = delegate;
        }

        @Override
        public Architecture delegate() {
            return delegate;
        }

        @Override
        public Architecture withDelegate(Architecture other) {
            return new View(other);
        }
    }
}
