package io.vertxcenter.node.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;

/**
 * Request framing as RFC 9112 §6.1/§6.3 asks of a server that may sit behind a proxy (request
 * smuggling): a request whose body length two parties could read differently is refused with 400
 * and its connection closed, and nothing after it on that connection is read. Refused: both
 * {@code Content-Length} and {@code Transfer-Encoding}; more than one {@code Transfer-Encoding} line;
 * any coding but a lone {@code chunked} ({@code chunked, identity}, {@code gzip}); a tab before
 * {@code chunked}; {@code Transfer-Encoding} in an HTTP/1.0 request.
 *
 * <p>Netty's HTTP/1.1 decoder (under Vert.x 5.0.7) takes all of these, and drops {@code Content-Length}
 * when both are sent, before any handler could see it; so the check is in the decoder: this one
 * replaces Vert.x's own in each connection's pipeline ({@link #install}). A message it refuses
 * becomes Netty's invalid message: the decoder discards the rest of the connection's bytes, and
 * Vert.x answers 400 and closes.
 */
final class StrictFraming extends VertxHttpRequestDecoder {
  /** The name of the decoder in Vert.x's HTTP/1.x server pipeline. */
  private static final String DECODER = "httpDecoder";
  private static final AsciiString TRANSFER_ENCODING = HttpHeaderNames.TRANSFER_ENCODING;

  /** A {@code Transfer-Encoding} line of the message being read had a tab before its value. */
  private boolean tabbedCoding;

  private StrictFraming(HttpServerOptions options) {
    super(options);
  }

  /**
   * Puts the strict decoder in place of Vert.x's in the pipeline of {@code connection}, a new HTTP/1.x
   * connection of a server with {@code options} (called from the server's connection handler, before
   * any request of it is read). A connection of another kind is left as it is.
   */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      ChannelHandler decoder = pipeline.get(DECODER);
      if (decoder != null && decoder.getClass() == VertxHttpRequestDecoder.class) {
        pipeline.replace(DECODER, DECODER, new StrictFraming(options));
      }
    }
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    tabbedCoding = false;
    return super.createMessage(initialLine);
  }

  @Override
  protected AsciiString splitHeaderName(byte[] line, int start, int length) {
    AsciiString name = super.splitHeaderName(line, start, length);
    // the raw line: the name, then ':' (a request's name ends there), then the value as sent
    int colon = start + length;
    if (TRANSFER_ENCODING.contentEqualsIgnoreCase(name) && colon + 1 < line.length && line[colon] == ':') {
      for (int i = colon + 1; i < line.length && (line[i] == ' ' || line[i] == '\t'); i++) {
        tabbedCoding |= line[i] == '\t';
      }
    }
    return name;
  }

  /**
   * Called by Netty once a message's headers are read, before it decides how to read the body: a
   * framing this class refuses throws, which makes the message Netty's invalid message.
   */
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage message) {
    List<String> codings = message.headers().getAll(TRANSFER_ENCODING);
    if (!codings.isEmpty()) {
      String refused = codings.size() > 1 ? "more than one Transfer-Encoding line"
          : message.headers().contains(HttpHeaderNames.CONTENT_LENGTH) ? "both Content-Length and Transfer-Encoding"
          : !codings.get(0).equalsIgnoreCase("chunked") ? "a Transfer-Encoding other than chunked"
          : tabbedCoding ? "a tab before the Transfer-Encoding"
          : message.protocolVersion() == HttpVersion.HTTP_1_0 ? "Transfer-Encoding in an HTTP/1.0 request"
          : null;
      if (refused != null) {
        throw new IllegalArgumentException("ambiguous request framing: " + refused);
      }
    }
    return super.isContentAlwaysEmpty(message);
  }
}
