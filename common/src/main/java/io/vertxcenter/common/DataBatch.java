package io.vertxcenter.common;

import io.vertx.core.buffer.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of received lines, the body the server sends to {@link Addresses#DATA}, in a compact
 * binary format: the text of each line travels as its UTF-8 bytes, neither escaped nor decoded on
 * the way, and is written by a {@link Writer} and read by a {@link Reader} without an object per
 * line.
 *
 * <p>Format version 2, numbers big-endian:
 * <pre>
 *   byte   version, 2
 *   byte   flags: bit 0 {@link #RESENT}, set when the sender sends the batch again
 *   int    number of lines
 *   int    offset of the connection table, from the start of the body
 *   long   sender: a random number per sender JVM, naming the clock of sentAtMicros
 *   long   sentAtMicros: when this copy was sent, on the sender's monotonic clock (0: never stamped)
 *   int    ackTimeoutMs: how long the sender waits for the acknowledgement of this copy (0: no deadline)
 *   lines, in the order the server received them, each:
 *     short  connection: its index in the connection table
 *     long   seq: its number on that connection, from 1
 *     long   receivedAtMicros: when the server framed it, epoch microseconds
 *     int    length of the text in bytes
 *     bytes  the text, UTF-8, without its line ending
 *   connection table:
 *     short  number of connections
 *     each:  short length, then that many bytes: the server's id of the TCP connection, UTF-8
 * </pre>
 *
 * <p><b>The deadline.</b> A sender that gets no acknowledgement within {@code ackTimeoutMs} sends the
 * batch again, perhaps to another monitor; a monitor that handles a copy after that (it was frozen,
 * or stuck) must drop it unshown. The sender stamps each copy in place ({@link #stamp}) just before
 * it sends it. The send time is on the sender's <em>monotonic</em> clock ({@code System.nanoTime}),
 * not the wall clock: hosts' wall clocks differ (by seconds without NTP) and step when NTP corrects
 * them, so "sent + timeout" compared with the receiver's wall clock could drop every batch, or none.
 * The two monotonic clocks have an unknown but fixed offset, which the receiver learns per
 * {@code sender} as the least (its receipt time − sentAtMicros) it has seen recently: that is the
 * offset plus the fastest delivery, so (receipt − sentAtMicros − that least) is how much longer
 * than the fastest delivery this copy took, an underestimate of its age by the fastest delivery
 * (well under a millisecond on a LAN). The monitor drops a copy whose age so reckoned is within a
 * margin of the timeout (MonitorRoleVerticle's {@code Deadline}): dropping one early costs a resend,
 * never a line, since the sender is still waiting for it.
 */
public final class DataBatch {
  public static final byte VERSION = 2;
  /** The flag bit set on a batch sent again: its lines may have been shown before, by a monitor since gone. */
  public static final byte RESENT = 1;
  private static final int FLAGS_AT = 1;
  private static final int LINES_AT = 2;
  private static final int TABLE_AT = 6;
  private static final int SENDER_AT = 10;
  private static final int SENT_AT = 18;
  private static final int TIMEOUT_AT = 26;
  private static final int HEADER_BYTES = 30;
  /** This JVM's name for its monotonic clock in {@code sender}. */
  private static final long SENDER = new SecureRandom().nextLong();
  private static final int LINE_HEADER_BYTES = 2 + 8 + 8 + 4;
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private DataBatch() {}

  /** Epoch microseconds, the clock both ends of the data path use for latency. */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Microseconds on this JVM's monotonic clock (arbitrary origin), the clock of {@code sentAtMicros}. */
  public static long monotonicMicros() {
    return System.nanoTime() / 1_000;
  }

  /**
   * Stamps the finished batch {@code body} in place as a copy sent now, to be acknowledged within
   * {@code ackTimeoutMs} ms (1 or more), with the {@link #RESENT} flag when {@code resent}. A sender
   * calls it before each send: the event bus copies the body when it sends, so a held body may be
   * stamped again for the next copy.
   */
  public static void stamp(Buffer body, boolean resent, int ackTimeoutMs) {
    body.setByte(FLAGS_AT, resent ? RESENT : 0)
        .setLong(SENDER_AT, SENDER)
        .setLong(SENT_AT, monotonicMicros())
        .setInt(TIMEOUT_AT, ackTimeoutMs);
  }

  /** The number of lines in the finished batch {@code body}, read from its header without reading the lines. */
  public static int lineCount(Buffer body) {
    return body.getInt(LINES_AT);
  }

  /** Builds one batch, line by line, in an array of its own that grows as needed. */
  public static final class Writer {
    private final List<String> connections = new ArrayList<>();
    private final Map<String, Integer> connectionIndex = new HashMap<>();
    private byte[] body;
    private int size = HEADER_BYTES;
    private String lastConnection;
    private int lastIndex;
    private int lines;

    public Writer(int expectedBytes) {
      body = new byte[Math.max(expectedBytes, HEADER_BYTES + LINE_HEADER_BYTES)];
      body[0] = VERSION;
    }

    /** Adds a line whose UTF-8 text is {@code length} bytes of {@code text} at {@code offset}. */
    public void add(String connection, long seq, long receivedAtMicros, byte[] text, int offset, int length) {
      int start = reserve(LINE_HEADER_BYTES + length);
      SHORT.set(body, start, (short) index(connection));
      LONG.set(body, start + 2, seq);
      LONG.set(body, start + 10, receivedAtMicros);
      INT.set(body, start + 18, length);
      System.arraycopy(text, offset, body, start + LINE_HEADER_BYTES, length);
      lines++;
    }

    public int lines() {
      return lines;
    }

    /** The size of the body so far. */
    public int bytes() {
      return size;
    }

    /** The finished body; the writer is not to be used after. */
    public Buffer finish() {
      INT.set(body, LINES_AT, lines);
      INT.set(body, TABLE_AT, size);
      int tableStart = reserve(2);
      SHORT.set(body, tableStart, (short) connections.size());
      for (String connection : connections) {
        byte[] id = connection.getBytes(StandardCharsets.UTF_8);
        int start = reserve(2 + id.length);
        SHORT.set(body, start, (short) id.length);
        System.arraycopy(id, 0, body, start + 2, id.length);
      }
      return Buffer.buffer(size).appendBytes(body, 0, size);
    }

    /** Makes room for {@code bytes} more at the end; returns where they start. */
    private int reserve(int bytes) {
      int start = size;
      if (start + bytes > body.length) {
        body = Arrays.copyOf(body, Math.max(body.length * 2, start + bytes));
      }
      size = start + bytes;
      return start;
    }

    private int index(String connection) {
      if (connection != lastConnection) {
        lastIndex = connectionIndex.computeIfAbsent(connection, id -> {
          connections.add(id);
          return connections.size() - 1;
        });
        lastConnection = connection;
      }
      return lastIndex;
    }
  }

  /**
   * Reads a batch: {@link #next()} moves to the next line, whose fields the other methods give.
   * The whole body is checked when the reader is made, so a body that is not a batch is refused
   * before any of its lines is read.
   */
  public static final class Reader {
    private final byte[] bytes;
    private final ByteBuffer body;
    private final String[] connections;
    private final int lines;
    private final int linesEnd;
    private final byte flags;
    private final long sender;
    private final long sentAtMicros;
    private final int ackTimeoutMs;
    private int read;
    private int connection;
    private long seq;
    private long receivedAtMicros;
    private int textOffset;
    private int textLength;

    /** Fails with {@link IllegalArgumentException} when {@code buffer} is not a batch of this version. */
    public Reader(Buffer buffer) {
      this(buffer.getBytes(), buffer.length());
    }

    /**
     * Reads the batch in the first {@code length} bytes of {@code bytes}, which the caller may reuse
     * once done with the reader (a consumer of many batches copies each into one array it keeps).
     * Fails with {@link IllegalArgumentException} when they are not a batch of this version.
     */
    public Reader(byte[] bytes, int length) {
      this.bytes = bytes;
      body = ByteBuffer.wrap(bytes, 0, length);
      try {
        byte version = body.get();
        if (version != VERSION) {
          throw notABatch("version " + version + ", expected " + VERSION);
        }
        flags = body.get();
        lines = body.getInt();
        linesEnd = body.getInt();
        sender = body.getLong();
        sentAtMicros = body.getLong();
        ackTimeoutMs = body.getInt();
        if (lines < 0 || linesEnd < HEADER_BYTES || linesEnd > length || ackTimeoutMs < 0) {
          throw notABatch("bad header");
        }
        connections = readConnections();
        checkLines();
      } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
        throw notABatch("truncated");
      }
      body.position(HEADER_BYTES);
    }

    /** Moves to the next line; false when there is none left. */
    public boolean next() {
      if (read == lines) {
        return false;
      }
      read++;
      connection = body.getShort();
      seq = body.getLong();
      receivedAtMicros = body.getLong();
      textLength = body.getInt();
      textOffset = body.position();
      body.position(textOffset + textLength);
      return true;
    }

    public int lines() {
      return lines;
    }

    /** Whether this copy was sent again ({@link #RESENT}): its lines may have been shown before by a monitor since gone. */
    public boolean resent() {
      return (flags & RESENT) != 0;
    }

    /** The sender's name for the clock of {@link #sentAtMicros()}; 0 when the batch was never stamped. */
    public long sender() {
      return sender;
    }

    /** When this copy was sent, in microseconds on its sender's monotonic clock; 0 when never stamped. */
    public long sentAtMicros() {
      return sentAtMicros;
    }

    /** How long the sender waits for this copy's acknowledgement before it sends it again, in ms; 0: no deadline. */
    public int ackTimeoutMs() {
      return ackTimeoutMs;
    }

    /** The number of distinct connections in the batch. */
    public int connections() {
      return connections.length;
    }

    /** The index of this line's connection, from 0 to {@link #connections()} - 1. */
    public int connectionIndex() {
      return connection;
    }

    /** The server's id of this line's connection. */
    public String connection() {
      return connections[connection];
    }

    public long seq() {
      return seq;
    }

    public long receivedAtMicros() {
      return receivedAtMicros;
    }

    /** The body's bytes, in which this line's text is {@link #textLength()} bytes at {@link #textOffset()}. */
    public byte[] bytes() {
      return bytes;
    }

    public int textOffset() {
      return textOffset;
    }

    public int textLength() {
      return textLength;
    }

    public boolean textStartsWith(byte[] prefix) {
      return textLength >= prefix.length
          && Arrays.equals(bytes, textOffset, textOffset + prefix.length, prefix, 0, prefix.length);
    }

    /** This line's text. */
    public String text() {
      return new String(bytes, textOffset, textLength, StandardCharsets.UTF_8);
    }

    private String[] readConnections() {
      body.position(linesEnd);
      String[] ids = new String[body.getShort()];
      for (int i = 0; i < ids.length; i++) {
        int length = body.getShort();
        if (length < 0 || body.position() + length > body.limit()) {
          throw notABatch("bad connection table");
        }
        ids[i] = new String(bytes, body.position(), length, StandardCharsets.UTF_8);
        body.position(body.position() + length);
      }
      return ids;
    }

    private void checkLines() {
      int offset = HEADER_BYTES;
      for (int i = 0; i < lines; i++) {
        if (offset + LINE_HEADER_BYTES > linesEnd) {
          throw notABatch("truncated");
        }
        int index = body.getShort(offset);
        int length = body.getInt(offset + LINE_HEADER_BYTES - 4);
        offset += LINE_HEADER_BYTES + length;
        if (index < 0 || index >= connections.length || length < 0 || offset > linesEnd) {
          throw notABatch("bad line " + (i + 1));
        }
      }
      if (offset != linesEnd) {
        throw notABatch("bytes after the last line");
      }
    }

    private static IllegalArgumentException notABatch(String reason) {
      return new IllegalArgumentException("not a data batch: " + reason);
    }
  }
}
