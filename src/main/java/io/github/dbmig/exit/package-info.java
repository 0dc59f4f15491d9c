/** "Do this if the JVM exits first": the one helper for shutdown hooks ({@link io.github.dbmig.exit.OnJvmExit}). */
package io.github.dbmig.exit;
