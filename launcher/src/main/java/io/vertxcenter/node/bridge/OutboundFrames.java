package io.vertxcenter.node.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;

/**
 * What a bridge connection writes, bounded: frames go to the socket while its write queue has
 * room and wait here while it is full. Replies (answers, pongs, errors) are never dropped: while
 * any waits, {@link #repliesWaiting()} is true and the connection reads no more frames, so at most
 * the requests in flight plus one reply wait. Messages of a listened address (the tap) wait up to
 * {@code maxHeldBytes}, beyond which the oldest are dropped and counted. A reader that does not
 * read costs at most that much memory. Used on the connection's event loop only.
 */
final class OutboundFrames {
  private final NetSocket socket;
  private final long maxHeldBytes;
  private final BridgeStats stats;
  private final ArrayDeque<Buffer> replies = new ArrayDeque<>();
  private final ArrayDeque<Buffer> messages = new ArrayDeque<>();
  private final Runnable onRepliesWritten;
  private long heldMessageBytes;

  /** @param onRepliesWritten runs when the last waiting reply has gone to the socket */
  OutboundFrames(NetSocket socket, long maxHeldBytes, BridgeStats stats, Runnable onRepliesWritten) {
    this.socket = socket;
    this.maxHeldBytes = maxHeldBytes;
    this.stats = stats;
    this.onRepliesWritten = onRepliesWritten;
    socket.drainHandler(v -> drain());
  }

  /** Whether a reply waits for the socket: the connection should read no more frames until it has gone. */
  boolean repliesWaiting() {
    return !replies.isEmpty();
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
    boolean repliesWaited = !replies.isEmpty();
    while (!socket.writeQueueFull()) {
      Buffer next = replies.poll();
      if (next == null) {
        next = messages.poll();
        if (next == null) {
          break;
        }
        heldMessageBytes -= next.length();
      }
      socket.write(next);
    }
    if (repliesWaited && replies.isEmpty()) {
      onRepliesWritten.run();
    }
  }
}
