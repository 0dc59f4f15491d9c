package io.github.dbmig.backup;

import java.nio.file.Path;

/**
 * A PostgreSQL client program and its major version.
 *
 * @param path  the executable
 * @param major its major version
 */
public record PgTool(Path path, int major) {}
