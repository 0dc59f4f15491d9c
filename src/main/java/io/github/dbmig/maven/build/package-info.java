/**
 * The Maven build a goal runs in, as the goals read it and answer it: the command line's {@code -D} properties
 * (checked for typos), settings.xml credentials, the build log (masked), failures as Maven's, and the state one goal
 * of a project leaves for the next in the same build, with what goes when the build ends. It knows no goal; of dbmig it
 * imports only api, config, errors and log.
 */
package io.github.dbmig.maven.build;
