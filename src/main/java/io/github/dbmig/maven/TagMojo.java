package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records a release tag on the newest applied script of each selected database, with who, when, which build and git
 * commit, so that the database can later be brought back to exactly that release ({@code downgrade -Ddbmig.tag=…}).
 * No default phase: a release profile binds it.
 */
@Mojo(name = "tag", threadSafe = true)
public class TagMojo extends AbstractDbmigMojo {

    /** The tag: by default the project's version. */
    @Parameter(property = "dbmig.tag", defaultValue = "${project.version}")
    private String tag;

    /** Move the tag when it already names another script; without it, that fails. */
    @Parameter(property = "dbmig.retag", defaultValue = "false")
    private String retag;

    @Override
    protected void run() {
        boolean move = commandLine().isTrue(retag, "dbmig.retag", "retag");
        dbmig().tag(selection(), tag, move);
    }
}
