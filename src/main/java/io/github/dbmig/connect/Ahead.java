package io.github.dbmig.connect;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Work begun now on a thread of its own and collected later, so that opening a connection (in a fresh JVM: the
 * driver's classes, TLS, SCRAM; across a network: several round trips) overlaps what the goal does meanwhile, such as
 * reading the scripts. What the work opened is closed if nobody collects it.
 */
public final class Ahead<T> implements AutoCloseable {

    /** The work; it may fail with an SQLException or a runtime exception, which {@link #get()} throws as they are. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Consumer<T> discard;
    private boolean collected;

    private Ahead(Consumer<T> discard) {
        this.discard = discard;
    }

    /** @param discard what to do with the result if it is never collected (close it) */
    public static <T> Ahead<T> start(String name, Work<T> work, Consumer<T> discard) {
        Ahead<T> ahead = new Ahead<>(discard);
        Thread thread = new Thread(
                () -> {
                    try {
                        ahead.result.complete(work.run());
                    } catch (Throwable e) {
                        ahead.result.completeExceptionally(e);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        return ahead;
    }

    /** Waits for the result; from then on it is the caller's to close. */
    public T get() throws SQLException {
        collected = true;
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** Discards the result, now or when it comes, unless {@link #get()} was called. */
    @Override
    public void close() {
        if (!collected) {
            result.thenAccept(discard);
        }
    }
}
