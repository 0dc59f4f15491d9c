package io.github.dbmig.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where published ports are reached, for a build on the engine's host, across a network, and inside a container. */
class PublishedHostTest {

    @TempDir
    Path root;

    @Test
    void theOverrideWinsOverEverything() {
        assertEquals(
                "docker-host.internal",
                PublishedHost.of(
                        Map.of("TESTCONTAINERS_HOST_OVERRIDE", " docker-host.internal "),
                        () -> "tcp://10.0.0.5:2376",
                        root));
    }

    @Test
    void anEngineAcrossTheNetworkPublishesOnItsHost() {
        assertEquals("10.0.0.5", PublishedHost.of(Map.of(), () -> "tcp://10.0.0.5:2376", root));
        assertEquals("build-host", PublishedHost.of(Map.of(), () -> "ssh://me@build-host", root));
    }

    @Test
    void aLocalSocketPublishesOnLocalhost() {
        assertEquals("localhost", PublishedHost.of(Map.of(), () -> "unix:///var/run/docker.sock", root));
        assertEquals("localhost", PublishedHost.of(Map.of(), () -> "npipe:////./pipe/docker_engine", root));
        assertEquals("localhost", PublishedHost.of(Map.of(), () -> null, root));
    }

    @Test
    void aBuildInsideAContainerReachesTheHostThroughItsGateway() throws IOException {
        Files.createFile(root.resolve(".dockerenv"));
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(
                root.resolve("proc/net/route"),
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                        + "eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                        + "eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
        assertEquals("172.17.0.1", PublishedHost.of(Map.of(), () -> "unix:///var/run/docker.sock", root));
    }

    @Test
    void anEngineInTheBuildsOwnContainerPublishesOnItsLoopback() throws IOException {
        Files.createFile(root.resolve(".dockerenv"));
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(
                root.resolve("proc/net/route"), "Iface\tDestination\tGateway\neth0\t00000000\t010200C0\t0003\n");
        Files.writeString(
                root.resolve("proc/net/unix"),
                "Num       RefCount Protocol Flags    Type St Inode Path\n"
                        + "000000000b89c9a3: 00000002 00000000 00010000 0001 01 2939209 /var/run/docker.sock\n"
                        + "000000000b89c9a4: 00000003 00000000 00000000 0001 03 2939210 /run/other.sock\n");
        assertEquals("localhost", PublishedHost.of(Map.of(), () -> "unix:///var/run/docker.sock", root));
        assertEquals("192.0.2.1", PublishedHost.of(Map.of(), () -> "unix:///run/other.sock", root));
    }

    @Test
    void onlyALocalEngineSeesThisMachinesFiles() throws IOException {
        assertEquals(true, PublishedHost.sharesFiles(() -> "unix:///var/run/docker.sock", root));
        assertEquals(true, PublishedHost.sharesFiles(() -> "npipe:////./pipe/docker_engine", root));
        assertEquals(false, PublishedHost.sharesFiles(() -> "tcp://10.0.0.5:2376", root));
        assertEquals(false, PublishedHost.sharesFiles(() -> "ssh://me@build-host", root));
        Files.createFile(root.resolve(".dockerenv"));
        assertEquals(false, PublishedHost.sharesFiles(() -> "unix:///var/run/docker.sock", root), "the host's engine");
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(
                root.resolve("proc/net/unix"),
                "Num       RefCount Protocol Flags    Type St Inode Path\n"
                        + "000000000b89c9a3: 00000002 00000000 00010000 0001 01 2939209 /var/run/docker.sock\n");
        assertEquals(true, PublishedHost.sharesFiles(() -> "unix:///var/run/docker.sock", root), "an engine beside");
    }

    @Test
    void podmansContainerMarkCountsToo() throws IOException {
        Files.createDirectories(root.resolve("run"));
        Files.createFile(root.resolve("run/.containerenv"));
        assertEquals("localhost", PublishedHost.of(Map.of(), () -> null, root), "no route table: localhost");
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(
                root.resolve("proc/net/route"), "Iface\tDestination\tGateway\n" + "tap0\t00000000\t0202000A\t0003\n");
        assertEquals("10.0.2.2", PublishedHost.of(Map.of(), () -> null, root));
    }
}
