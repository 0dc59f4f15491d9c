package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Merges the {@code fleet-<goal>.json} reports that the shards of a fleet wrote ({@code -Ddbmig.shard=K/N} jobs) into
 * one table, printed and written to {@code target/dbmig/fleet-report.md} and {@code .json}. Every selected database
 * (those a pattern stands for found on their servers) that no report covers is listed as missing; rows of databases
 * that {@code -Ddb} does not select are left out and counted. Reports of different goals are refused. Fails when any
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
        dbmig().mergeFleetReports(
                        reports == null ? null : reports.toPath(),
                        targets().stream().map(Database::id).toList());
    }
}
