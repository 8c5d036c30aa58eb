package io.vertxcenter.common;

/** What the TCP server and its clients say to each other: UTF-8 lines ending in {@code \n}. */
public final class LineProtocol {
  private LineProtocol() {}

  /** The server's first line on every connection. */
  public static final String GREETING = "Welcome to VertxCenter server!";

  /** A line starting with this carries JSON after it; the monitor pretty-prints it. */
  public static final String JSON_PREFIX = "JSON|";

  /**
   * The start of the lines an acknowledging port writes after its greeting: {@code ACK <n>}, n the
   * cumulative count of this connection's lines that the server holds durably (a whole number, never
   * going down).
   */
  public static final String ACK_PREFIX = "ACK ";
}
