package io.vertxcenter.server;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * The two switches of a connection's Netty channel that {@link IngestConnection} needs and Vert.x
 * 5.0.7's public {@link NetSocket} does not offer; the one place that casts to Vert.x's internal
 * {@link NetSocketInternal}.
 * <ul>
 *   <li>{@link #reading(boolean)}: stop reading from the kernel at once. {@link NetSocket#pause()}
 *       only stops delivering: Vert.x's inbound queue ({@code InboundMessageQueue}, high-water mark
 *       16) keeps taking reads of up to 64 KiB, and the connection's own pending queue 8 more, before
 *       it turns Netty's auto-read off, so a paused socket still takes up to ~1.5 MiB from the kernel.
 *       {@code PausedMemoryIT} holds the server to under 128 MiB of growth while 900 connections push
 *       4 MiB each with no monitor; by that count {@code pause()} would let it take ~1.3 GiB.</li>
 *   <li>{@link #keepOpenAfterInput(Runnable)}: an ack-port client half-closes its output when it is
 *       done and waits for its last {@code ACK}: the channel must stay open past the end of its input
 *       (Netty closes it there by default), and the end of input is a Netty event, not a Vert.x one
 *       ({@code TcpIngestVerticleTest}'s ack-port test, {@code AckedLinesIT}).</li>
 * </ul>
 */
final class ChannelSwitches {
  private final NetSocketInternal socket;
  private final ChannelConfig config;

  /** The switches of {@code socket}, a socket of a Vert.x {@code NetServer} (all of which are {@link NetSocketInternal}). */
  ChannelSwitches(NetSocket socket) {
    this.socket = (NetSocketInternal) socket;
    this.config = this.socket.channelHandlerContext().channel().config();
  }

  /** Reads from the kernel ({@code true}) or stops: at most the read under way still arrives. On the socket's event loop. */
  void reading(boolean on) {
    config.setAutoRead(on);
  }

  /** Keeps the channel open when the client half-closes its output, and runs {@code inputEnded} then. */
  void keepOpenAfterInput(Runnable inputEnded) {
    config.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    socket.eventHandler(event -> {
      if (event instanceof ChannelInputShutdownEvent) {
        inputEnded.run();
      }
    });
  }
}
