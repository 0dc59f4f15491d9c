package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;

/**
 * Writes a new script {@code <yyyyMMddHHmmss>_<description>.sql} (UTC, as MyBatis' {@code migrate new}) with an
 * {@code -- //@UNDO} section, in the scripts directory. Touches no database.
 */
@Mojo(name = "new", threadSafe = true)
public class NewMojo extends AbstractDbmigMojo {

    /** What the script does, e.g. {@code "add users"}; it becomes the file name's description. Required. */
    @Parameter(property = "dbmig.description")
    private String description;

    @Override
    protected void run() {
        Path file = dbmig().newScript(scriptsDirectory(), description);
        log().info("Created " + file);
    }
}
