package io.github.dbmig.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The builds a case's invoker.properties lists: {@code invoker.goals.N} and whether each must fail
 * ({@code invoker.buildResult.N = failure}); a single build may leave out the {@code .N}.
 *
 * @param goals    the goals and -D options of each build, in order
 * @param mustFail whether each build must fail
 */
record InvokerBuilds(List<String> goals, List<Boolean> mustFail) {

    static InvokerBuilds of(Path folder) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("invoker.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("case " + folder + " needs an invoker.properties", e);
        }
        if (properties.getProperty("invoker.goals") != null) {
            properties.setProperty("invoker.goals.1", properties.getProperty("invoker.goals"));
            properties.setProperty("invoker.buildResult.1", properties.getProperty("invoker.buildResult", "success"));
        }
        List<String> goals = new ArrayList<>();
        List<Boolean> mustFail = new ArrayList<>();
        for (int i = 1; properties.getProperty("invoker.goals." + i) != null; i++) {
            goals.add(properties.getProperty("invoker.goals." + i));
            mustFail.add("failure".equals(properties.getProperty("invoker.buildResult." + i, "success")));
        }
        return new InvokerBuilds(goals, mustFail);
    }

    int count() {
        return goals.size();
    }

    /** The goals of build {@code n}, from 1. */
    String goals(int n) {
        if (n < 1 || n > goals.size()) {
            throw new IllegalArgumentException("invoker.properties lists no build " + n);
        }
        return goals.get(n - 1);
    }

    boolean mustFail(int n) {
        return mustFail.get(n - 1);
    }
}
