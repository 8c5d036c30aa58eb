package io.vertxcenter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test support: HTTP/1.1 written by hand on a TCP connection to 127.0.0.1, as an attacker writes it
 * (any framing, any Host, any method), and what came back: every response's status, and whether the
 * node closed the connection.
 */
public final class RawHttp extends PlainSocket {
  private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3}) ");

  /** What a connection got: all it read, and whether the node closed it (else it was still open when the reading stopped). */
  public record Answer(String text, boolean closed) {
    /** The status of each response read, in order. */
    public List<Integer> statuses() {
      Matcher matcher = STATUS_LINE.matcher(text);
      return Stream.iterate(matcher.find(), found -> found, found -> matcher.find())
          .map(found -> Integer.parseInt(matcher.group(1))).toList();
    }
  }

  private RawHttp(int port) {
    super(port);
  }

  /**
   * Sends {@code request} (CRLF line ends as written) on a new connection and reads until the node
   * closes it or sends nothing for {@code quiet}.
   */
  public static Answer exchange(int port, String request, Duration quiet) {
    try (RawHttp connection = new RawHttp(port)) {
      connection.write(request.getBytes(StandardCharsets.ISO_8859_1));
      return connection.read(quiet);
    }
  }

  /** Opens a connection and sends {@code request}, leaving it open for the caller to close. */
  public static RawHttp open(int port, String request) {
    RawHttp connection = new RawHttp(port);
    connection.write(request.getBytes(StandardCharsets.ISO_8859_1));
    return connection;
  }

  /** Reads until the node closes the connection or sends nothing for {@code quiet}. */
  public Answer read(Duration quiet) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      socket.setSoTimeout((int) quiet.toMillis());
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
      }
      return new Answer(got.toString(StandardCharsets.ISO_8859_1), true);
    } catch (SocketTimeoutException e) {
      return new Answer(got.toString(StandardCharsets.ISO_8859_1), false);
    } catch (IOException e) {
      // a reset after the node's answer is a close too
      return new Answer(got.toString(StandardCharsets.ISO_8859_1), true);
    }
  }

  /** Reads what is there now, up to {@code quiet} of silence, without waiting for the end. */
  public String readSome(Duration quiet) {
    byte[] buffer = new byte[8192];
    try {
      socket.setSoTimeout((int) quiet.toMillis());
      int n = in.read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
