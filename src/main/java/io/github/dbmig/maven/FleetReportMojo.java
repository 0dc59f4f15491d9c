package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.core.FleetReport;
import io.github.dbmig.core.FleetReports;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the {@code fleet-<goal>.json} reports that the shards of a fleet wrote ({@code -Ddbmig.shard=K/N} jobs) into one
 * table, printed and written to {@code target/dbmig/fleet-report.md} and {@code .json}. Every selected database (those a
 * pattern stands for found on their servers) that no report covers is listed as missing; rows of databases that
 * {@code -Ddb} does not select are left out and counted. Reports of different goals are refused. Fails when any
 * database failed, was not started or interrupted, or is missing; when a database is in more than one report (the worst
 * outcome is kept); and when the reports' runs saw different databases, naming those that not every run saw.
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
        List<FleetReports.Source> found;
        try (Stream<Path> files = Files.walk(reports.toPath())) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals("fleet-report.json") && Files.isRegularFile(p)).sorted()
                    .flatMap(p -> FleetReport.readIfReport(p).map(r -> new FleetReports.Source(p, r)).stream()).toList();
        } catch (IOException e) {
            throw new SetupException("Cannot read " + reports + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new SetupException("No fleet report (the fleet-<goal>.json a sharded run writes, under any name) in "
                    + reports + " or below it.");
        }
        FleetReports.Merged merged = FleetReports.merge(found, targets().stream().map(Database::id).toList());
        merged.notes().forEach(log()::warn);
        merged.lines().forEach(log()::info);
        Path written = merged.report().write(defaultOutputDirectory(), "fleet-report");
        log().info("Merged " + found.size() + " report(s) from " + reports + " into " + written + " and .md beside it.");
        if (merged.failed()) {
            throw new MigrationFailedException(merged.failure());
        }
    }
}
