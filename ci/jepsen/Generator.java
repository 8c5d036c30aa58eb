import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Jepsen-style test's client (ci/jepsen-test.sh): writes numbered lines to the server's ack
 * port at a steady rate over a few connections, reconnects after a failure and resends on the new
 * connection every line no {@code ACK <n>} covered, and records per line number whether an ACK
 * covered it.
 *
 * <p>Run from source: {@code java ci/jepsen/Generator.java HOST PORT RUN CONNECTIONS RATE SECONDS
 * DRAIN_SECONDS RECORD}. RATE is new lines per second over all connections (1 to 1,000,000),
 * SECONDS how long new lines are taken (1 or more); then, for at most DRAIN_SECONDS, each
 * connection resends what is not acknowledged, half-closes and waits for the server's last ACK.
 *
 * <p>Each copy written is the line {@code jepsen-<RUN>-<n>-<attempt>}: n numbers the line (0, 1, …),
 * attempt counts its copies (1 for the first, 2 for the resend after a reconnect, …), so the checker
 * tells a line the server showed twice from one the client sent twice. RECORD gets one row per line
 * number, {@code <n> <attempts> <acked attempt, 0 if none> <first sent, epoch ms>}. Prints one
 * summary line; exit status 0, or 2 on a usage error, 1 if RECORD cannot be written.
 */
public final class Generator {
  // No ACK progress for this long with lines out: the connection is given up. Longer than a fault
  // the server rides out (a 20 s cut, a 15 s freeze, a paused read while no monitor is there):
  // reconnecting on back-pressure would only send the same lines again.
  private static final long STALL_MILLIS = 30_000;
  private static final int CONNECT_MILLIS = 2_000;
  private static final int GREETING_MILLIS = 5_000;
  private static final long RETRY_MILLIS = 300;
  private static final String GREETING = "Welcome";

  private final String host;
  private final int port;
  private final String run;
  private final long perLaneNanos;
  private final long newUntilNanos;
  private final long drainUntilNanos;
  private final AtomicLong next = new AtomicLong();
  private final byte[] attempts;
  private final byte[] ackedAttempt;
  private final long[] firstSent;
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();

  private Generator(String host, int port, String run, int connections, int rate, int seconds, int drainSeconds) {
    this.host = host;
    this.port = port;
    this.run = run;
    this.perLaneNanos = 1_000_000_000L * connections / rate;
    long now = System.nanoTime();
    this.newUntilNanos = now + seconds * 1_000_000_000L;
    this.drainUntilNanos = newUntilNanos + drainSeconds * 1_000_000_000L;
    int capacity = Math.toIntExact((long) rate * seconds + connections);
    this.attempts = new byte[capacity];
    this.ackedAttempt = new byte[capacity];
    this.firstSent = new long[capacity];
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println("usage: java ci/jepsen/Generator.java HOST PORT RUN CONNECTIONS RATE SECONDS DRAIN_SECONDS RECORD");
      System.exit(2);
    }
    int connections = Integer.parseInt(args[3]);
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    if (connections < 1 || connections > 64 || rate < connections || rate > 1_000_000 || seconds < 1) {
      System.err.println("generator: CONNECTIONS 1-64, RATE CONNECTIONS-1000000 lines/s, SECONDS 1 or more");
      System.exit(2);
    }
    Generator generator = new Generator(args[0], Integer.parseInt(args[1]), args[2], connections, rate, seconds,
        Integer.parseInt(args[6]));
    List<Thread> lanes = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Lane lane = generator.new Lane(i);
      Thread thread = new Thread(lane::run, "lane-" + i);
      thread.start();
      lanes.add(thread);
    }
    for (Thread lane : lanes) {
      lane.join();
    }
    try {
      generator.writeRecord(Path.of(args[7]));
    } catch (IOException e) {
      System.err.println("generator: cannot write the record " + args[7] + ": " + e.getMessage());
      System.exit(1);
    }
    System.out.println(generator.summary());
  }

  private String summary() {
    long attempted = next.get();
    long acked = 0;
    for (int n = 0; n < attempted; n++) {
      if (ackedAttempt[n] > 0) {
        acked++;
      }
    }
    return "generator: attempted=" + attempted + " acknowledged=" + acked + " copies resent=" + resent.get()
        + " connections=" + connects.get() + " connection failures=" + failures.get();
  }

  private void writeRecord(Path record) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(record)) {
      long attempted = next.get();
      for (int n = 0; n < attempted; n++) {
        out.write(n + " " + attempts[n] + " " + ackedAttempt[n] + " " + firstSent[n] + "\n");
      }
    }
  }

  /**
   * One connection slot: its own line numbers (taken from the shared counter at its share of the
   * rate), the copies written on the current socket in order, and the ones to write again.
   */
  private final class Lane {
    private final int id;
    private final ArrayDeque<Integer> inFlight = new ArrayDeque<>();   // written on this socket, not acknowledged
    private ArrayDeque<Integer> resend = new ArrayDeque<>();           // to write again on the next socket
    private long socketAcked;
    private long lastProgressNanos;
    private long nextDueNanos = System.nanoTime();
    private boolean exhausted;

    Lane(int id) {
      this.id = id;
    }

    void run() {
      while (System.nanoTime() < drainUntilNanos && !(exhausted() && allAcked())) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
          socket.setSoTimeout(GREETING_MILLIS);
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
          String greeting = in.readLine();
          if (greeting == null || !greeting.startsWith(GREETING)) {
            throw new IOException("no greeting");
          }
          connects.incrementAndGet();
          socket.setSoTimeout(1_000);
          serve(socket, in);
        } catch (IOException | InterruptedException failed) {
          // refused, timed out, reset or stalled: resend what is not acknowledged on a new socket
        }
        if (!(exhausted() && allAcked())) {
          failures.incrementAndGet();
          requeue();
          sleep(RETRY_MILLIS);
        }
      }
    }

    private void serve(Socket socket, BufferedReader in) throws IOException, InterruptedException {
      synchronized (this) {
        socketAcked = 0;
        lastProgressNanos = System.nanoTime();
      }
      Thread reader = new Thread(() -> readAcks(socket, in), "acks-" + id);
      reader.setDaemon(true);
      reader.start();
      try {
        write(socket, reader);
      } finally {
        socket.close();
        reader.join();      // no ACK of this socket is counted once its copies are requeued
      }
    }

    private void write(Socket socket, Thread reader) throws IOException, InterruptedException {
      OutputStream out = socket.getOutputStream();
      StringBuilder batch = new StringBuilder();
      while (!socket.isClosed() && reader.isAlive()) {
        batch.setLength(0);
        synchronized (this) {
          while (!resend.isEmpty()) {
            append(batch, resend.poll());
          }
          long now = System.nanoTime();
          while (!exhausted && nextDueNanos <= now) {
            if (now >= newUntilNanos) {
              exhausted = true;
              break;
            }
            long n = next.getAndIncrement();
            if (n >= attempts.length) {
              exhausted = true;
              break;
            }
            firstSent[(int) n] = System.currentTimeMillis();
            append(batch, (int) n);
            nextDueNanos += perLaneNanos;
          }
        }
        if (batch.length() > 0) {
          out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        if (exhausted()) {
          socket.shutdownOutput();      // the server's last ACK, then its close, end the reader
          reader.join(Math.max(1, (drainUntilNanos - System.nanoTime()) / 1_000_000));
          return;
        }
        Thread.sleep(5);
      }
    }

    /** Writes copy attempts[n]+1 of line n into the batch; called holding the lane's lock. */
    private void append(StringBuilder batch, int n) {
      if (attempts[n] > 0) {
        resent.incrementAndGet();
      }
      attempts[n]++;
      inFlight.add(n);
      batch.append("jepsen-").append(run).append('-').append(n).append('-').append(attempts[n]).append('\n');
    }

    private void readAcks(Socket socket, BufferedReader in) {
      try {
        while (true) {
          String line;
          try {
            line = in.readLine();
          } catch (SocketTimeoutException quiet) {
            if (stalled()) {
              break;
            }
            continue;
          }
          if (line == null) {
            break;
          }
          if (line.startsWith("ACK ")) {
            acknowledge(Long.parseLong(line.substring(4).trim()));
          }
        }
      } catch (IOException | NumberFormatException ended) {
        // reset, or a line the protocol does not have: the connection is done
      }
      try {
        socket.close();      // also ends a write blocked on a peer that stopped reading
      } catch (IOException ignored) {
        // closed already
      }
    }

    private synchronized void acknowledge(long upTo) {
      while (socketAcked < upTo && !inFlight.isEmpty()) {
        int n = inFlight.poll();
        ackedAttempt[n] = attempts[n];
        socketAcked++;
      }
      lastProgressNanos = System.nanoTime();
    }

    private synchronized boolean stalled() {
      return !inFlight.isEmpty() && System.nanoTime() - lastProgressNanos > STALL_MILLIS * 1_000_000;
    }

    /** The copies the dead socket did not get acknowledged go first on the next one, in order. */
    private synchronized void requeue() {
      ArrayDeque<Integer> again = new ArrayDeque<>(inFlight);
      again.addAll(resend);
      inFlight.clear();
      resend = again;
    }

    private synchronized boolean exhausted() {
      return exhausted && resend.isEmpty();
    }

    private synchronized boolean allAcked() {
      return inFlight.isEmpty() && resend.isEmpty();
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
