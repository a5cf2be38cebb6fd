package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exit statuses paging-cli/README.md documents are exactly the ones {@link Main} defines. */
class ReadmeContractTest {
    @Test
    void theReadmeListsEveryExitStatusAndNoOther() throws IOException, IllegalAccessException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Errors and exit status"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
        Set<Integer> documented = new TreeSet<>();
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        Set<Integer> defined = new TreeSet<>();
        for (Field field : Main.class.getDeclaredFields()) {
            if (field.getType() == int.class
                    && Modifier.isStatic(field.getModifiers())
                    && Modifier.isFinal(field.getModifiers())) {
                field.setAccessible(true);
                defined.add(field.getInt(null));
            }
        }
        assertEquals(defined, documented);
    }
}
