/**
 * The Maven plugin: one Mojo per goal, an adapter of a few lines that reads its {@code @Parameter}s (whose Javadoc is
 * the plugin's reference), builds the request and calls {@code api.Dbmig}, and the Maven glue beside them (settings.xml
 * credentials, the build log, the command line's properties, failures as Maven's). Of dbmig it imports only api,
 * config, errors and log, and no other package imports Maven's API.
 */
package io.github.dbmig.maven;
