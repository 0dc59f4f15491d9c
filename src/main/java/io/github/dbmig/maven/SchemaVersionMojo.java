package io.github.dbmig.maven;

import io.github.dbmig.api.Dbmig;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.model.Resource;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code META-INF/dbmig/schema-version.properties} into a resource directory added to the project, so that it
 * ends up in the artifact: {@code head} (the newest script's id), {@code scripts} (how many), {@code checksum}
 * (SHA-256 over every script's id and up-part checksum, in order) and {@code version} (the project's). A database with
 * a scripts directory of its own adds the same keys prefixed with its id. Touches no database. Bound to
 * {@code generate-resources} by default.
 */
@Mojo(name = "schema-version", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class SchemaVersionMojo extends AbstractDbmigMojo {

    /** The resource directory the file is written to (and that is added to the project's resources). */
    @Parameter(
            property = "dbmig.schemaVersionDirectory",
            defaultValue = "${project.build.directory}/generated-resources/dbmig")
    private File schemaVersionDirectory;

    @Override
    protected void run() {
        Map<String, Path> directories = new LinkedHashMap<>();
        if (Files.isDirectory(pluginScriptsDirectory())) {
            directories.put("", pluginScriptsDirectory());
        }
        declaredParameters().stream()
                .filter(p -> p.scripts != null)
                .forEach(p -> directories.put(p.id == null ? "" : p.id.strip(), p.scripts.toPath()));
        if (directories.isEmpty()) {
            throw new SetupException(
                    "The scripts directory " + pluginScriptsDirectory() + " does not exist, and no database"
                            + " has <scripts> of its own. Set <scripts> (or -Ddbmig.scripts) to the folder that holds"
                            + " the scripts.");
        }
        Map<String, String> keys = dbmig().writeSchemaVersion(
                        schemaVersionDirectory.toPath(),
                        directories,
                        charset(),
                        project().getVersion());
        Resource resource = new Resource();
        resource.setDirectory(schemaVersionDirectory.getAbsolutePath());
        project().addResource(resource);
        log().info("Schema version " + keys.getOrDefault("head", "") + " written to "
                + schemaVersionDirectory.toPath().resolve(Dbmig.schemaVersionPath()) + ": " + keys);
    }
}
