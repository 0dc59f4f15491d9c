package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import static io.github.dbmig.config.Values.scriptId;

/**
 * Records exactly the scripts up to {@code dbmig.target} as applied, without running any: rows for the scripts up
 * to it are added, rows above it (or without a script file) removed. For a baseline of an existing database, or
 * after someone fixed the schema by hand.
 */
@Mojo(name = "stamp", threadSafe = true)
public class StampMojo extends AbstractDbmigMojo {

    /** The newest script id to record as applied; {@code 0} records none. Required. */
    @Parameter(property = "dbmig.target")
    private String target;

    @Override
    protected void run() {
        dbmig().stamp(selection(), scriptId(target, "dbmig.target"));
    }
}
