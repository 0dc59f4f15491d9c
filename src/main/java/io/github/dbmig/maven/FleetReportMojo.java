package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.core.FleetReport;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Merges the {@code fleet-<goal>.json} reports that the shards of a fleet wrote ({@code -Ddbmig.shard=K/N} jobs) into one
 * table, printed and written to {@code target/dbmig/fleet-report.md} and {@code .json}. Every selected database (those a
 * pattern stands for found on their servers) that no report covers is listed as missing. Fails when any database
 * failed or is missing.
 */
@Mojo(name = "fleet-report", threadSafe = true)
public class FleetReportMojo extends AbstractDbmigMojo {

    /**
     * The directory holding the shards' reports, searched with its subdirectories as CI artifacts arrive: every JSON
     * file there that is a fleet report counts, whatever its name ({@code fleet-upgrade.json}, {@code shard-2.json}).
     */
    @Parameter(property = "dbmig.reports")
    private File reports;

    @Override
    protected void run() {
        if (reports == null || !reports.isDirectory()) {
            throw new SetupException("dbmig:fleet-report needs -Ddbmig.reports=<directory> holding the shards' fleet-<goal>.json"
                    + " reports" + (reports == null ? "." : "; " + reports + " is not a directory."));
        }
        List<FleetReport> found;
        try (Stream<Path> files = Files.walk(reports.toPath())) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals("fleet-report.json") && Files.isRegularFile(p)).sorted()
                    .map(FleetReport::readIfReport).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new SetupException("Cannot read " + reports + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new SetupException("No fleet report (the fleet-<goal>.json a sharded run writes, under any name) in "
                    + reports + " or below it.");
        }
        FleetReport merged = FleetReport.merge(found, targets().stream().map(Database::id).toList());
        merged.lines().forEach(log()::info);
        Path written = merged.write(defaultOutputDirectory(), "fleet-report");
        log().info("Merged " + found.size() + " report(s) from " + reports + " into " + written + " and .md beside it.");
        if (merged.failed()) {
            throw new MigrationFailedException(merged.summary());
        }
    }
}
