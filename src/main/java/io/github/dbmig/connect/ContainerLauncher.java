package io.github.dbmig.connect;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Starts a throwaway database for an {@code <image>}. Testcontainers and its dependencies are not on the plugin's
 * class path, which keeps every other goal's start-up short: the caller resolves their jars when a container is
 * needed, and the container code ({@code io.github.dbmig.connect.container}) is loaded together with them.
 */
public final class ContainerLauncher {

    private static final String CONTAINER_PACKAGE = "io.github.dbmig.connect.container.";

    private ContainerLauncher() {
    }

    /** The Testcontainers version this plugin was built and tested with. */
    public static String testcontainersVersion() {
        try (InputStream in = ContainerLauncher.class.getResourceAsStream("testcontainers.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the plugin jar lacks testcontainers.properties", e);
        }
    }

    /**
     * Starts the container of an {@code <image>} database.
     *
     * @param jars Testcontainers' PostgreSQL module and its runtime dependencies
     */
    public static RunningDatabase start(Database database, Log log, List<Path> jars) {
        ClassLoader loader = new ContainerClassLoader(urls(jars), ContainerLauncher.class.getClassLoader());
        try {
            Class<?> container = Class.forName(CONTAINER_PACKAGE + "ContainerDatabase", true, loader);
            StartedContainer started = withContextLoader(loader, () -> (StartedContainer) container
                    .getMethod("start", String.class, String.class, Log.class).invoke(null, database.id(), database.image(), log));
            return RunningDatabase.inContainer(database, new StartedContainer() {
                @Override
                public String jdbcUrl() {
                    return started.jdbcUrl();
                }

                @Override
                public String username() {
                    return started.username();
                }

                @Override
                public String password() {
                    return started.password();
                }

                @Override
                public void close() {
                    try {
                        withContextLoader(loader, () -> {
                            started.close();
                            return null;
                        });
                    } catch (ReflectiveOperationException e) {
                        // close() throws nothing checked; nothing to report
                    }
                }
            });
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof DbmigException d) {
                throw d;
            }
            throw new SetupException("Database " + database.id() + ": cannot start a container from <image>" + database.image()
                    + "</image>: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SetupException("Database " + database.id() + ": Testcontainers could not be loaded: " + e, e);
        }
    }

    /** A reflective call that may throw what the method throws. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws ReflectiveOperationException;
    }

    /** Testcontainers finds its own classes through the thread's context class loader, which Maven sets to the plugin's. */
    private static <T> T withContextLoader(ClassLoader loader, Call<T> call) throws ReflectiveOperationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }

    /**
     * Defines the container package itself, from the plugin's own class files, so that it links against the
     * Testcontainers jars here; everything else (dbmig's other classes, the JDK, Maven's SLF4J) comes from the plugin,
     * so what it returns is of the plugin's own {@link StartedContainer} type.
     */
    private static final class ContainerClassLoader extends URLClassLoader {

        private final ClassLoader plugin;

        ContainerClassLoader(URL[] jars, ClassLoader plugin) {
            super(jars, plugin);
            this.plugin = plugin;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(CONTAINER_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = plugin.getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
