/**
 * When the build's JVM goes: "do this if the JVM exits first", the one helper for shutdown hooks
 * ({@link io.github.dbmig.exit.OnJvmExit}); and, for a JVM killed outright where no shell can watch, the
 * {@link io.github.dbmig.exit.Watchdog} that ends a client program once the JVM is gone.
 */
package io.github.dbmig.exit;
