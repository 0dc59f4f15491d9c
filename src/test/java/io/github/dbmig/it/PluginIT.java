package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cases of src/it whose verify.txt says {@code java:}: one method per such folder, named after it. MavenBuilds
 * still checks every line of the folder's verify.txt; a method holds only what verify.txt cannot say, and says so.
 * All other folders run in {@link CaseFoldersIT}.
 */
class PluginIT {

    @Test
    void concurrentUpgrades() throws Exception {
        // verify.txt cannot run builds at the same time, nor count what each of them applied
        ItCase it = MavenBuilds.prepare("concurrent-upgrades");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<MavenBuilds.Build>> futures = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            int build = n;
            futures.add(pool.submit(() -> build(it, build)));
        }
        List<MavenBuilds.Build> builds = new ArrayList<>();
        for (Future<MavenBuilds.Build> future : futures) {
            builds.add(future.get());
        }
        pool.shutdown();
        int applied = 0;
        for (MavenBuilds.Build build : builds) {
            Matcher m = Pattern.compile("Applied \\d+_step").matcher(build.log());
            while (m.find()) {
                applied++;
            }
        }
        assertEquals(8, applied, "each script applied by exactly one build");
        MavenBuilds.finish(it, builds);
    }

    @Test
    void credentialsFromEncryptedSettings() throws Exception {
        // verify.txt cannot create a role with a fresh password,
        // nor write settings encrypted with a fresh master password
        String password = "Enc-" + Long.toHexString(System.nanoTime()) + "-pw";
        String master = "master-" + Long.toHexString(System.nanoTime());
        BuildOptions options =
                new BuildOptions().ownCredentials().secret(password).secret(master);
        options.before(1, (project, db) -> {
            writeEncryptedSettings(project, db, password, master);
            options.property(
                    "settings.security",
                    project.resolve("settings-security.xml").toString());
        });
        ItCase it = MavenBuilds.run("credentials-from-encrypted-settings", options);
        assertFalse(Files.readString(it.project().resolve("it-settings.xml")).contains(password));
    }

    private static void writeEncryptedSettings(Path project, TestDatabase db, String password, String master)
            throws Exception {
        String role = "enc_owner_" + db.name();
        try (Connection admin = TestPostgres.adminConnection();
                Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role);
        }
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String encryptedMaster = cipher.encryptAndDecorate(master, "settings.security");
        String encryptedPassword = cipher.encryptAndDecorate(password, master);
        Files.writeString(
                project.resolve("settings-security.xml"),
                "<settingsSecurity><master>" + encryptedMaster + "</master></settingsSecurity>");
        Files.writeString(
                project.resolve("settings-servers.xml"),
                "<servers><server><id>it-server</id><username>" + role + "</username><password>" + encryptedPassword
                        + "</password></server></servers>");
    }

    @Test
    void upgradeRefusesEditedScript() throws Exception {
        // verify.txt cannot edit an applied script between builds 1 and 2
        MavenBuilds.run("upgrade-refuses-edited-script", new BuildOptions().before(2, (project, db) -> {
                    Path script = project.resolve("migrations/1_table_t1.sql");
                    Files.writeString(script, Files.readString(script).replace("(id int)", "(id bigint)"));
                }));
    }

    @Test
    void crlfCheckoutIsNotAChange() throws Exception {
        // verify.txt cannot rewrite a script with CRLF line endings between builds 1 and 2
        MavenBuilds.run("crlf-checkout-is-not-a-change", new BuildOptions().before(2, (project, db) -> {
                    Path script = project.resolve("migrations/1_table_t1.sql");
                    Files.writeString(script, Files.readString(script).replace("\n", "\r\n"));
                }));
    }

    @Test
    void status() throws Exception {
        // verify.txt cannot compare a log line with a value read from the database:
        // status shows the changelog's applied_at
        ItCase it = MavenBuilds.run("status");
        String appliedAt =
                it.database().queryStrings("SELECT applied_at FROM changelog").get(0);
        it.assertLogContains(2, "1   " + appliedAt);
    }

    @Test
    void killedBuildAppliesScriptOnce() throws Exception {
        // verify.txt cannot kill a build, nor look at the database between two builds
        ItCase it = MavenBuilds.prepare("killed-build-applies-script-once");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MavenBuilds.Build> first = pool.submit(() -> build(it, 1));
        InterruptedBuilds.waitForSleepingScript(it.database());
        killMavenOf(it); // SIGKILL: no shutdown hook, no rollback from the client
        MavenBuilds.Build killed = first.get();
        pool.shutdown();
        InterruptedBuilds.waitUntilNoDbmigSessions(it.database());
        InterruptedBuilds.assertNothingOfTheScriptStayed(it.database());
        MavenBuilds.finish(it, List.of(killed, build(it, 2)));
    }

    @Test
    void killedRestoreLeavesNothing() throws Exception {
        // verify.txt cannot kill a build, nor look for the processes it started
        assumeTrue(TestPostgres.clientProgramsRun(), "no pg_dump for this server here");
        ItCase it = MavenBuilds.prepare("killed-restore-leaves-nothing");
        List<MavenBuilds.Build> builds = new ArrayList<>(List.of(build(it, 1), build(it, 2)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MavenBuilds.Build> restore = pool.submit(() -> build(it, 3));
        for (int i = 0;
                i < 600
                        && it.database()
                                        .queryLongs("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE"
                                                + " '%\\_dbmig\\_%' AND query LIKE 'CREATE INDEX%'")
                                        .get(0)
                                == 0;
                i++) {
            Thread.sleep(100);
        }
        List<ProcessHandle> maven = ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().commandLine().orElse("").contains(it.project().toString()))
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .toList();
        assertEquals(1, maven.size(), "one Maven JVM to kill, while pg_restore builds the slow index");
        maven.get(0).destroyForcibly(); // SIGKILL: no shutdown hook runs
        builds.add(restore.get());
        pool.shutdown();
        for (int i = 0; i < 50 && !pgRestores(it).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), pgRestores(it), "pg_restore ended with the build");
        builds.add(build(it, 4));
        MavenBuilds.finish(it, builds);
    }

    /** The pg_restore processes restoring this case's backups. */
    private static List<String> pgRestores(ItCase it) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("pg_restore"))
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(it.project().toString()))
                .toList();
    }

    @Test
    void serverTerminatesConnection() throws Exception {
        // verify.txt cannot terminate a build's connection, nor look at the database between two builds
        ItCase it = MavenBuilds.prepare("server-terminates-connection");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MavenBuilds.Build> first = pool.submit(() -> build(it, 1));
        long pid = InterruptedBuilds.waitForSleepingScript(it.database());
        it.database().execute("SELECT pg_terminate_backend(" + pid + ")");
        MavenBuilds.Build terminated = first.get();
        pool.shutdown();
        InterruptedBuilds.assertNothingOfTheScriptStayed(it.database());
        MavenBuilds.finish(it, List.of(terminated, build(it, 2)));
    }

    @Test
    void backupAndRestoreRoundTrip() throws Exception {
        // verify.txt cannot name the restored database after this case's (known at run time), compare two databases,
        // nor read a file's permissions
        BuildOptions options = new BuildOptions();
        options.before(3, (project, db) -> options.property("dbmig.restoreTo", db.name() + "_copy"));
        ItCase it = MavenBuilds.run("backup-and-restore-round-trip", options);
        Path dump;
        try (Stream<Path> files = Files.list(it.project().resolve("target/dbmig/backups"))) {
            dump = files.filter(p -> p.toString().endsWith(".dump")).findFirst().orElseThrow();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
        TestDatabase copy = TestPostgres.existingDatabase(it.database().name() + "_copy");
        String contents =
                "SELECT count(*) || ' ' || md5(string_agg(id || name || mood, ',' ORDER BY id)) FROM prod.people"
                        + " UNION ALL SELECT count(*) || ' ' || md5(string_agg(id || body, ',' ORDER BY id)) FROM"
                        + " work.drafts"
                        + " UNION ALL SELECT prod.greet('you')"
                        + " UNION ALL SELECT convert_from(lo_get(doc), 'UTF8') FROM prod.people WHERE id = 1"
                        + " UNION ALL SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum";
        assertEquals(it.database().queryStrings(contents), copy.queryStrings(contents));
    }

    @Test
    void restoreRefusesCorruptedBackup() throws Exception {
        // verify.txt cannot damage a backup between builds 1 and 2
        MavenBuilds.run("restore-refuses-corrupted-backup", new BuildOptions().before(2, (project, db) -> {
                    try (Stream<Path> files = Files.list(project.resolve("target/dbmig/backups"))) {
                        // the newest backup, which restore's default (latest) picks;
                        // upgrade took an older one before it changed
                        Path dump = files.filter(p -> p.toString().endsWith(".dump"))
                                .max(Comparator.naturalOrder())
                                .orElseThrow();
                        byte[] bytes = Files.readAllBytes(dump);
                        bytes[bytes.length / 2] ^= 0x5a;
                        Files.write(dump, bytes);
                    }
                }));
    }

    @Test
    void restoreProtectsMarkedDatabase() throws Exception {
        // verify.txt cannot restore into this case's own database (its name is known at run time),
        // nor list a folder exactly
        BuildOptions options = new BuildOptions();
        options.before(2, (project, db) -> options.property("dbmig.restoreTo", db.name()));
        ItCase it = MavenBuilds.run("restore-protects-marked-database", options);
        try (Stream<Path> files = Files.list(it.project().resolve("target/dbmig/backups"))) {
            List<String> backups = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".json") && !n.endsWith(".sha256"))
                    .sorted()
                    .toList();
            assertEquals(2, backups.size(), backups.toString());
            assertEquals(
                    List.of(),
                    backups.stream().filter(n -> !n.endsWith(".sql.gz")).toList(),
                    "the database's own <format>plain</format>");
        }
    }

    @Test
    void startReuseTwoBuildsAtOnce() throws Exception {
        // verify.txt cannot run build 2 while build 1 holds its copy, nor let build 1 go on only once build 2 has
        // ended, nor check that the copy build 2 left is the one build 1 made
        ItCase it = MavenBuilds.prepare("start-reuse-two-builds-at-once");
        Path holding = it.project().resolve("first-build-holds-its-copy");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<MavenBuilds.Build> builds = new ArrayList<>();
        try {
            Future<MavenBuilds.Build> first = pool.submit(() -> build(it, 1));
            for (int i = 0; i < 1200 && !Files.exists(holding) && !first.isDone(); i++) {
                Thread.sleep(100);
            }
            assertTrue(
                    Files.exists(holding),
                    "build 1 reached its tests\n"
                            + (first.isDone() ? first.get().log() : ""));
            MavenBuilds.Build second = build(it, 2);
            Files.createFile(it.project().resolve("second-build-ended"));
            builds.add(first.get(5, TimeUnit.MINUTES));
            builds.add(second);
            Matcher copy = Pattern.compile("Database app is ready at jdbc:postgresql://\\S+/(app_[0-9_]+) ")
                    .matcher(builds.get(0).log());
            assertTrue(copy.find(), builds.get(0).log());
            assertTrue(
                    second.log().contains("Database app: left " + copy.group(1) + " in container "),
                    "build 2 leaves build 1's copy " + copy.group(1) + "\n" + second.log());
        } finally {
            pool.shutdownNow();
            builds.add(build(it, 3)); // the kept container goes, whatever happened
        }
        MavenBuilds.finish(it, builds);
    }

    @Test
    void startWithoutStopEndsWithItsBuild() throws Exception {
        // verify.txt cannot run both builds in one JVM, as the Maven daemon does, nor count containers between them
        ItCase it = MavenBuilds.prepare("start-without-stop-ends-with-its-build");
        try (EmbeddedMaven maven = new EmbeddedMaven(MavenBuilds.mavenHome())) {
            MavenBuilds.Build first =
                    maven.build(it.project(), MavenBuilds.goals(it.name(), 1), it.database(), new BuildOptions());
            assertEquals(
                    List.of(),
                    Check.containers(it.project()),
                    "build 1 has ended, its JVM has not: nothing of it is left\n" + first.log());
            MavenBuilds.Build second =
                    maven.build(it.project(), MavenBuilds.goals(it.name(), 2), it.database(), new BuildOptions());
            MavenBuilds.finish(it, List.of(first, second));
        }
    }

    @Test
    void killedBuildsLeaveNoContainer() throws Exception {
        // verify.txt cannot kill a build, nor count containers between builds
        ItCase it = MavenBuilds.prepare("killed-builds-leave-no-container");
        List<MavenBuilds.Build> builds = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            int build = n;
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<MavenBuilds.Build> running = pool.submit(() -> build(it, build));
            left.add(InterruptedBuilds.waitForSleepingScriptInContainer(it.project(), left));
            killMavenOf(it);
            builds.add(running.get());
            pool.shutdown();
            assertEquals(
                    List.of(left.get(n - 1)),
                    Check.containers(it.project()).stream()
                            .map(c -> c.substring(0, 12))
                            .toList(),
                    "killed build " + n + " left its container, and only that one");
        }
        builds.add(build(it, 3));
        MavenBuilds.finish(it, builds);
    }

    /** Kills the one Maven JVM building this case with SIGKILL: no shutdown hook, no end of build. */
    private static void killMavenOf(ItCase it) {
        List<ProcessHandle> maven = ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().commandLine().orElse("").contains(it.project().toString()))
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .toList();
        assertEquals(1, maven.size(), "one Maven JVM to kill");
        maven.get(0).destroyForcibly();
    }

    /** Build {@code n} as the case's invoker.properties lists it, for cases whose Java runs the builds. */
    private static MavenBuilds.Build build(ItCase it, int n) {
        return MavenBuilds.build(it.project(), MavenBuilds.goals(it.name(), n), it.database(), new BuildOptions());
    }
}
