package io.github.dbmig.migration.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit checked out in the git work tree holding a directory, read from {@code .git} directly (a build
 * machine may have no git command). Handles {@code .git} files of worktrees and submodules and packed refs.
 */
public final class GitCommit {

    private GitCommit() {}

    public static Optional<String> of(Path directory) {
        try {
            for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return resolveHead(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String pointer = Files.readString(dotGit).strip();
                    if (pointer.startsWith("gitdir:")) {
                        return resolveHead(dir.resolve(
                                pointer.substring("gitdir:".length()).strip()));
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> resolveHead(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return Optional.of(head);
        }
        String ref = head.substring("ref:".length()).strip();
        Path common = commonDir(gitDir);
        for (Path base : List.of(gitDir, common)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose).strip());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed)) {
                if (line.endsWith(" " + ref)) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty(); // a branch with no commit yet
    }

    private static Path commonDir(Path gitDir) throws IOException {
        Path pointer = gitDir.resolve("commondir");
        return Files.isRegularFile(pointer)
                ? gitDir.resolve(Files.readString(pointer).strip()).normalize()
                : gitDir;
    }
}
