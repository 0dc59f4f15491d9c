package io.github.dbmig.migration.tables;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GitCommitTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    private Path gitDir(Path work) throws Exception {
        Path git = Files.createDirectories(work.resolve(".git"));
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        return git;
    }

    @Test
    void looseRefFromASubdirectoryOfTheCheckout() throws Exception {
        Path git = gitDir(tmp);
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/main"), SHA + "\n");
        assertEquals(Optional.of(SHA), GitCommit.of(Files.createDirectories(tmp.resolve("module/src"))));
    }

    @Test
    void packedRefAndDetachedHead() throws Exception {
        Path git = gitDir(tmp);
        Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled\n" + SHA + " refs/heads/main\n");
        assertEquals(Optional.of(SHA), GitCommit.of(tmp));
        Files.writeString(git.resolve("HEAD"), "fedcba9876543210fedcba9876543210fedcba98\n");
        assertEquals(Optional.of("fedcba9876543210fedcba9876543210fedcba98"), GitCommit.of(tmp));
    }

    @Test
    void worktreeFollowsItsGitFileToTheCommonRefs() throws Exception {
        Path main = gitDir(tmp.resolve("main"));
        Files.createDirectories(main.resolve("refs/heads"));
        Files.writeString(main.resolve("refs/heads/feature"), SHA + "\n");
        Path worktreeGit = Files.createDirectories(main.resolve("worktrees/feature"));
        Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
        Path work = Files.createDirectories(tmp.resolve("feature"));
        Files.writeString(work.resolve(".git"), "gitdir: " + worktreeGit + "\n");
        assertEquals(Optional.of(SHA), GitCommit.of(work));
    }

    @Test
    void noCheckoutOrNoCommitYetIsEmpty() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("plain"));
        assertEquals(Optional.empty(), GitCommit.of(outside)); // no .git here or above (a JUnit temporary folder)
        gitDir(tmp.resolve("fresh"));
        assertEquals(Optional.empty(), GitCommit.of(tmp.resolve("fresh")));
    }
}
