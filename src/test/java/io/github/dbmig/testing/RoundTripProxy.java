package io.github.dbmig.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a PostgreSQL server that delays every message by a fixed time in each direction, as a network
 * between a CI runner and a database in another zone would (there is no tc netem here), and counts the client's round
 * trips: how often a client sends again after the server answered. JDK only, so that bench/ runs it as a single file:
 * {@code java RoundTripProxy.java <listen port> <server host> <server port> <delay ms> [count file]} (bench/proxy.sh).
 */
public final class RoundTripProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final long delayNanos;
    private final AtomicInteger roundTrips = new AtomicInteger();

    /** @param delayMillis the delay of each message in each direction: a round trip costs twice this */
    public RoundTripProxy(int listenPort, String host, int port, double delayMillis) throws IOException {
        this.listener = new ServerSocket();
        this.listener.bind(new InetSocketAddress("127.0.0.1", listenPort));
        this.host = host;
        this.port = port;
        this.delayNanos = (long) (delayMillis * 1_000_000);
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Round trips of all clients so far. */
    public int roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Connection connection = new Connection();
                connection.pipe(client.getInputStream(), server.getOutputStream(), true, client, server);
                connection.pipe(server.getInputStream(), client.getOutputStream(), false, client, server);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One client connection: whether the client speaks next after the server spoke, for counting. */
    private final class Connection {
        private volatile boolean serverSpoke = true;

        void pipe(InputStream in, OutputStream out, boolean fromClient, Socket a, Socket b) {
            BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
            BlockingQueue<Long> times = new LinkedBlockingQueue<>();
            Thread reader = new Thread(
                    () -> {
                        byte[] buffer = new byte[65536];
                        try {
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                if (fromClient && serverSpoke && !terminate(buffer, n)) {
                                    roundTrips.incrementAndGet();
                                }
                                serverSpoke = !fromClient;
                                byte[] chunk = new byte[n];
                                System.arraycopy(buffer, 0, chunk, 0, n);
                                times.add(System.nanoTime() + delayNanos);
                                queue.add(chunk);
                            }
                        } catch (IOException ignored) {
                            // the connection is over
                        }
                        queue.add(new byte[0]);
                        times.add(System.nanoTime());
                    },
                    "proxy-read");
            Thread writer = new Thread(
                    () -> {
                        try {
                            while (true) {
                                byte[] chunk = queue.take();
                                long due = times.take();
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                                if (chunk.length == 0) {
                                    break;
                                }
                                out.write(chunk);
                                out.flush();
                            }
                        } catch (IOException | InterruptedException ignored) {
                            // the connection is over
                        }
                        try {
                            a.close();
                            b.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    },
                    "proxy-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }
    }

    /** A client's goodbye: it waits for no answer, so it is no round trip. */
    private static boolean terminate(byte[] buffer, int length) {
        return length == 5 && buffer[0] == 'X';
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /**
     * Runs the proxy until killed: {@code <listen port, 0 for any> <server host> <server port> <delay ms each way>
     * [count file]}. Prints the port it listens on; keeps the count of round trips so far in the count file.
     */
    public static void main(String[] args) throws Exception {
        try (RoundTripProxy proxy = new RoundTripProxy(
                Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]))) {
            System.out.println("proxy: 127.0.0.1:" + proxy.port() + " -> " + args[1] + ":" + args[2] + ", " + args[3]
                    + " ms each way");
            Path counts = args.length > 4 ? Path.of(args[4]) : null;
            int shown = -1;
            while (true) {
                int now = proxy.roundTrips();
                if (now != shown && counts != null) {
                    Path next = counts.resolveSibling(counts.getFileName() + ".tmp");
                    Files.writeString(next, now + "\n");
                    Files.move(next, counts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                shown = now;
                Thread.sleep(20);
            }
        }
    }
}
