package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a case's builds need beyond the defaults; verify.txt adds its {@code before N:} and {@code backups:} here. */
final class BuildOptions {

    /** Something a case does to its copy or its database before a build; a failure fails the test. */
    @FunctionalInterface
    interface Step {
        void run(Path project, TestDatabase database) throws Exception;
    }

    final Map<String, String> properties = new HashMap<>();
    final List<String> secrets = new ArrayList<>();
    boolean defaultCredentials = true;
    boolean backups;
    private final Map<Integer, List<Step>> before = new HashMap<>();

    /** Runs before build number {@code build} (1-based): writing settings, or a change made by hand, say. */
    BuildOptions before(int build, Step step) {
        before.computeIfAbsent(build, b -> new ArrayList<>()).add(step);
        return this;
    }

    List<Step> before(int build) {
        return before.getOrDefault(build, List.of());
    }

    BuildOptions property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** The builds never skip backups, not even on a machine without a pg_dump for the server's version. */
    BuildOptions backups() {
        backups = true;
        return this;
    }

    /** The case supplies its own credentials (settings.xml); none go through the environment. */
    BuildOptions ownCredentials() {
        defaultCredentials = false;
        return this;
    }

    /** Text that must never appear in a build log, besides the database password. */
    BuildOptions secret(String value) {
        secrets.add(value);
        return this;
    }
}
