package io.github.dbmig.exit;

/**
 * "Do this if the JVM exits first": an action that runs when the build's JVM ends (normally, on Ctrl-C or SIGTERM)
 * while something is under way, and not at all once that something is over. On Ctrl-C no {@code finally} block runs,
 * shutdown hooks do. This class is JDK code only, and so should the action be: by the time it runs, the build's class
 * loader may be closed.
 *
 * <pre>{@code
 * try (OnJvmExit.Registration onExit = OnJvmExit.run("dbmig-stop-pg_dump", process::destroyForcibly)) {
 *     ... // the work the action undoes if the JVM ends first
 * }
 * }</pre>
 */
public final class OnJvmExit {

    private OnJvmExit() {}

    /**
     * Registers {@code action} to run in a thread of this name if the JVM exits before the registration is closed.
     *
     * @param name the thread's name, {@code dbmig-...}, as thread dumps show it
     */
    public static Registration run(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new Registration(hook);
    }

    /** An action registered to run at JVM exit; closing it unregisters it. */
    public static final class Registration implements AutoCloseable {

        private final Thread hook;

        private Registration(Thread hook) {
            this.hook = hook;
        }

        /** Unregisters the action; once the JVM is exiting, it runs anyway and that is no error. Idempotent. */
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the action runs, and does its job
            }
        }
    }
}
