package io.vertxcenter.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;

/**
 * What a bridge connection writes, bounded: frames go to the socket while its write queue has
 * room and wait here while it is full. Replies always wait (there are at most as many as requests
 * in flight); messages of a listened address (the tap) wait up to {@code maxHeldBytes}, beyond
 * which the oldest are dropped and counted. A slow reader costs at most that much memory.
 * Used on the connection's event loop only.
 */
final class OutboundFrames {
  private final NetSocket socket;
  private final long maxHeldBytes;
  private final BridgeStats stats;
  private final ArrayDeque<Buffer> replies = new ArrayDeque<>();
  private final ArrayDeque<Buffer> messages = new ArrayDeque<>();
  private long heldMessageBytes;

  OutboundFrames(NetSocket socket, long maxHeldBytes, BridgeStats stats) {
    this.socket = socket;
    this.maxHeldBytes = maxHeldBytes;
    this.stats = stats;
    socket.drainHandler(v -> drain());
  }

  /** A reply or an error: never dropped. */
  void reply(Buffer frame) {
    if (replies.isEmpty() && messages.isEmpty() && !socket.writeQueueFull()) {
      socket.write(frame);
    } else {
      replies.add(frame);
      drain();
    }
  }

  /** A message of a listened address: dropped, oldest first, when the reader falls too far behind. */
  void message(Buffer frame) {
    if (replies.isEmpty() && messages.isEmpty() && !socket.writeQueueFull()) {
      socket.write(frame);
      return;
    }
    messages.add(frame);
    heldMessageBytes += frame.length();
    while (heldMessageBytes > maxHeldBytes && !messages.isEmpty()) {
      heldMessageBytes -= messages.poll().length();
      stats.droppedMessages.increment();
    }
    drain();
  }

  /** Forgets what waits: the connection is closed. */
  void clear() {
    replies.clear();
    messages.clear();
    heldMessageBytes = 0;
  }

  private void drain() {
    while (!socket.writeQueueFull()) {
      Buffer next = replies.poll();
      if (next == null) {
        next = messages.poll();
        if (next == null) {
          return;
        }
        heldMessageBytes -= next.length();
      }
      socket.write(next);
    }
  }
}
