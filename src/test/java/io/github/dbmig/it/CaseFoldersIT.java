package io.github.dbmig.it;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case folder of src/it: a sample project, the builds its invoker.properties lists, and a verify.txt that says
 * what the case shows and what must hold afterwards (src/it/README.md). Folders whose verify.txt has a {@code java:}
 * line run in {@link PluginIT}; all others run here, one dynamic test each. {@code -Ddbmig.it.cases=a,b} runs only
 * those folders.
 */
class CaseFoldersIT {

    @TestFactory
    Stream<DynamicTest> casesWithoutJava() throws Exception {
        List<String> names = new ArrayList<>();
        for (String name : selectedCases()) {
            if (Expectations.read(MavenBuilds.folder(name)).java() == null) {
                names.add(name);
            }
        }
        return names.stream()
                .map(name ->
                        DynamicTest.dynamicTest(name, MavenBuilds.folder(name).toUri(), () -> MavenBuilds.run(name)));
    }

    @Test
    void everyFolderHasAVerifyTxtThatParses() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : MavenBuilds.caseNames()) {
            try {
                Expectations.read(MavenBuilds.folder(name));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void javaDrivesExactlyTheFoldersThatSaySo() throws Exception {
        List<String> methods = Arrays.stream(PluginIT.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .toList();
        List<String> problems = new ArrayList<>();
        List<String> folders = MavenBuilds.caseNames();
        for (String name : folders) {
            boolean java = Expectations.read(MavenBuilds.folder(name)).java() != null;
            if (java != methods.contains(camelCase(name))) {
                problems.add(
                        java
                                ? "src/it/" + name + "/verify.txt says java: but PluginIT has no method "
                                        + camelCase(name)
                                : "PluginIT." + camelCase(name) + " drives src/it/" + name
                                        + ", whose verify.txt has no java: line");
            }
        }
        for (String method : methods) {
            if (folders.stream().noneMatch(f -> camelCase(f).equals(method))) {
                problems.add("PluginIT." + method + " is named after no folder of src/it");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<String> selectedCases() throws Exception {
        List<String> all = MavenBuilds.caseNames();
        String only = System.getProperty("dbmig.it.cases", "");
        if (only.isBlank()) {
            return all;
        }
        List<String> chosen = Arrays.stream(only.split(",")).map(String::strip).toList();
        chosen.forEach(c -> assertTrue(all.contains(c), "-Ddbmig.it.cases names no folder " + c));
        return chosen;
    }

    static String camelCase(String folder) {
        StringBuilder name = new StringBuilder();
        for (String part : folder.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }
}
