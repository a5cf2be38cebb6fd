package io.pagoda.paging.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.TranslationRoot;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loaded view must answer every SPI question as its delegate does: a default method it does not
 * override silently answers with the SPI's default instead (it once lost the control-register
 * value, root registers, capabilities and ELF identity of every variant read from a dump). The
 * architecture view forwards through {@link ForwardingArchitecture} (whose own test holds every
 * method); its roots and formats here.
 */
class LoadedRootsDelegationTest {

    @Test
    void everyDefaultMethodOfTheSpiIsDelegated() {
        List<String> missing = new ArrayList<>();
        for (Class<?> spi : List.of(TranslationRoot.class, EntryFormat.class)) {
            Class<?> wrapper = wrapperOf(spi);
            for (Method method : spi.getMethods()) {
                if (!method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                try {
                    wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    missing.add(wrapper.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(
                missing.isEmpty(), "answered by the SPI's default, not the delegate: " + missing);
    }

    @Test
    void theArchitectureViewIsAForwardingArchitecture() {
        assertTrue(wrapperOf(Architecture.class).getSuperclass() == ForwardingArchitecture.class);
    }

    private static Class<?> wrapperOf(Class<?> spi) {
        for (Class<?> nested : LoadedRoots.class.getDeclaredClasses()) {
            if (spi.isAssignableFrom(nested)) {
                return nested;
            }
        }
        throw new AssertionError("LoadedRoots has no wrapper of " + spi.getSimpleName());
    }
}
