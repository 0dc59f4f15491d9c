package io.github.dbmig.testdb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The build that made something dbmig leaves on a server or in Docker (a container, a database copy): its JVM's
 * process id, the host it runs on and, where the system tells, when that process started, so that a process id used
 * again by another program later is not taken for the build.
 *
 * @param pid     the build JVM's process id
 * @param host    the host name it runs on
 * @param started when that process started, or null when the system does not say
 */
public record BuildOwner(long pid, String host, Instant started) {

    /** Two readings of one process's start may differ by the clock's tick; a process id used again starts later. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    /** This build. */
    public static BuildOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new BuildOwner(
                self.pid(),
                localHost(),
                self.info()
                        .startInstant()
                        .map(i -> i.truncatedTo(ChronoUnit.MILLIS))
                        .orElse(null));
    }

    /**
     * The owner a label or comment names as {@code 4242@host}; empty for null or anything else. When its process
     * started is not said, so a process id in use again on this host is taken for the build: it is not gone.
     */
    public static Optional<BuildOwner> parse(String pidAtHost) {
        int at = pidAtHost == null ? -1 : pidAtHost.indexOf('@');
        if (at <= 0 || at == pidAtHost.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new BuildOwner(Long.parseLong(pidAtHost.substring(0, at)), pidAtHost.substring(at + 1), null));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 4242@host}: how dbmig's labels and comments name it. */
    public String pidAtHost() {
        return pid + "@" + host;
    }

    /** Whether this owner runs on the host of this build, where its process can be looked at. */
    public boolean isLocal() {
        return host.equals(localHost());
    }

    /**
     * Whether the owner's process is known to have ended: it runs on this host, and no process has its id, or the one
     * that has it started at another time. An owner on another host is never known to be gone.
     */
    public boolean isGone() {
        if (!isLocal()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return started != null
                && start.isPresent()
                && Duration.between(started, start.get()).abs().compareTo(SAME_START) > 0;
    }

    /** The name of this host, as the owners of what this build makes carry it. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
