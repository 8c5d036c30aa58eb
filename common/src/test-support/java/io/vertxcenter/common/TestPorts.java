package io.vertxcenter.common;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test support, compiled into every module's tests: the ports a test picks for what it starts. They
 * come from outside Linux's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range},
 * 32768-60999 by default), where the kernel takes the local port of every outbound connection: a
 * port picked there and released (a bind to port 0) may be taken by a connection before the node
 * binds it. Ports are handed out in turn from a random start per JVM, each checked free by binding
 * it, so one JVM never hands out a port twice and two test JVMs at once rarely meet. After each
 * handout the next {@link #GAP} ports are skipped: nodes that share one cluster port take the ports
 * after it (Hazelcast's port auto-increment), which a handout right after would meet.
 */
public final class TestPorts {
  /** The lowest port handed out: below it are well-known and registered services' ports. */
  private static final int LOWEST = 10_000;
  /** Ports left out after each handout: room for the members of a test cluster that share one cluster port. */
  static final int GAP = 32;
  private static final int[] RANGE = range(ephemeralRange());
  private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(RANGE[1] - RANGE[0]));

  private TestPorts() {
  }

  /** A port free now (bindable on every address), outside the ephemeral range. */
  public static int free() {
    return freeRange(1);
  }

  /**
   * The first of {@code count} (1 or more) consecutive ports all free now, outside the ephemeral
   * range; an IllegalStateException when no such run is found in the whole range.
   */
  public static int freeRange(int count) {
    int size = RANGE[1] - RANGE[0];
    for (int tried = 0; tried < size; tried += count + GAP) {
      int first = RANGE[0] + Math.floorMod(NEXT.getAndAdd(count + GAP), size);
      if (first + count <= RANGE[1] && allFree(first, count)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports in " + RANGE[0] + "-" + (RANGE[1] - 1));
  }

  /**
   * A socket listening on 127.0.0.1 at a port outside the ephemeral range: a port a test holds as
   * taken (close the socket to free it).
   */
  public static ServerSocket occupied() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        return new ServerSocket(free(), 50, InetAddress.getLoopbackAddress());
      } catch (IOException takenMeanwhile) {
        // another process bound it since the check: take the next
      }
    }
    throw new IllegalStateException("no port to hold in " + RANGE[0] + "-" + (RANGE[1] - 1));
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The kernel's ephemeral range {low, high}; Linux's default when the file cannot be read (not Linux). */
  private static int[] ephemeralRange() {
    try {
      String[] bounds = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32_768, 60_999};
    }
  }

  /** The larger of the spans below and above the ephemeral range, {first, end exclusive}. */
  private static int[] range(int[] ephemeral) {
    int below = ephemeral[0] - LOWEST;
    int above = 65_535 - ephemeral[1];
    int[] range = below >= above ? new int[] {LOWEST, ephemeral[0]} : new int[] {ephemeral[1] + 1, 65_536};
    if (range[1] - range[0] < 1_000) {
      throw new IllegalStateException("the ephemeral port range " + ephemeral[0] + "-" + ephemeral[1]
          + " leaves fewer than 1000 ports outside it for tests: narrow net.ipv4.ip_local_port_range");
    }
    return range;
  }
}
