/**
 * The checked values a goal works on: the {@link Database} value and its builder (every mistake named by its pom
 * element), credentials and where they come from, JDBC URLs, backup settings, {@code -Ddb} selection and the check of
 * {@code -Ddbmig.*} properties, and the requests a goal is given ({@code UpgradeRequest}, {@code DowngradeRequest},
 * {@code RestoreRequest}, {@code RehearsalRequest}, {@code FleetOptions}). It depends only on errors, log and script
 * (for {@code ScriptId}).
 */
package io.github.dbmig.config;
