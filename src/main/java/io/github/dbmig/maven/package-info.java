/**
 * The Maven plugin: one Mojo per goal, an adapter of a few lines that reads its {@code @Parameter}s (whose Javadoc is
 * the plugin's reference), builds the request and calls {@code api.Dbmig}; the goals' base classes and their
 * {@code @Parameter} types, which the generated plugin descriptor names in this package. Of dbmig it imports only api,
 * config, errors, log and {@code maven.build}, and no other package imports Maven's API.
 */
package io.github.dbmig.maven;
