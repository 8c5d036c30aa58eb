package io.vertxcenter.node.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.BridgeProtocol;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.connect.BridgeClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge in one JVM: a second register costs nothing, a slow or absent reader costs a bounded queue. */
@ExtendWith(VertxExtension.class)
class BridgeServerTest {
  private static final ClusterToken TOKEN = ClusterToken.of("unit-test-token-" + "0123456789abcdef");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final BridgeStats stats = new BridgeStats();
  private int port;

  @BeforeEach
  void listen(Vertx vertx) throws Exception {
    port = new BridgeServer(vertx, TOKEN, BridgeLimits.DEFAULT, stats).listen("127.0.0.1", 0)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).actualPort();
  }

  @Test
  @DisplayName("registering the tap twice on one connection delivers each message once")
  void registerTwice(Vertx vertx) throws Exception {
    try (BridgeClient client = BridgeClient.connect("127.0.0.1", port, WAIT, WAIT, TOKEN.value())) {
      client.register(Addresses.TAP);
      client.register(Addresses.TAP);
      // a request answered means both registers before it were handled
      client.request(Addresses.CLUSTER, new JsonObject(), Duration.ofSeconds(1), true);
      vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", 1));
      vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", 2));
      assertEquals(1, client.nextMessage(WAIT).getJsonObject("body").getInteger("n"));
      assertEquals(2, client.nextMessage(WAIT).getJsonObject("body").getInteger("n"), "the first message came twice");
    }
  }

  @Test
  @DisplayName("a tail reader that stops reading gets the oldest messages dropped and counted, the newest kept")
  void slowReader(Vertx vertx) throws Exception {
    int count = 2_000;
    String padding = "x".repeat(16 * 1024);
    try (BridgeClient client = BridgeClient.connect("127.0.0.1", port, WAIT, WAIT, TOKEN.value())) {
      client.register(Addresses.TAP);
      client.request(Addresses.CLUSTER, new JsonObject(), Duration.ofSeconds(1), true);
      for (int n = 0; n < count; n++) {
        vertx.eventBus().publish(Addresses.TAP, new JsonObject().put("n", n).put("padding", padding));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (stats.droppedMessages.sum() == 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000);
      }
      assertTrue(stats.droppedMessages.sum() > 0, "32 MB for a reader that does not read: the oldest must be dropped");
      int received = 0;
      int last = -1;
      while (last < count - 1) {
        last = client.nextMessage(WAIT).getJsonObject("body").getInteger("n");
        received++;
      }
      assertEquals(count, received + stats.droppedMessages.sum(), "every message either arrived or was counted as dropped");
    }
  }

  @Test
  @DisplayName("a client that sends refused commands and never reads is not read either (errors wait for at most one frame); then each is answered once")
  void senderThatNeverReads() throws Exception {
    int frames = 200_000;
    byte[] refused = frameBytes(new JsonObject().put("type", "send").put("address", "center.elsewhere").put("body", new JsonObject())
        .put("headers", new JsonObject().put("token", TOKEN.value())));
    ByteBuffer all = ByteBuffer.allocate(refused.length * frames);
    for (int n = 0; n < frames; n++) {
      all.put(refused);
    }
    all.flip();
    try (SocketChannel channel = SocketChannel.open();
         Selector selector = Selector.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_WRITE);
      // write until the bridge stops taking bytes (each answer is ~200 bytes: 40 MB if all were answered):
      // no room to write for 2 s while we read nothing
      while (all.hasRemaining() && selector.select(2_000) > 0) {
        selector.selectedKeys().clear();
        channel.write(all);
      }
      long handled = stats.frames.sum();
      assertTrue(all.hasRemaining(), "the bridge read all " + frames + " frames while their answers could not be written");
      assertTrue(handled < frames / 2, "frames handled while the client read nothing: " + handled);

      // now read: every frame is answered, once, and the rest are read as the answers go out
      channel.keyFor(selector).cancel();
      selector.selectNow();
      channel.configureBlocking(true);
      Thread writer = new Thread(() -> {
        try {
          while (all.hasRemaining()) {
            channel.write(all);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writer.start();
      DataInputStream in = new DataInputStream(channel.socket().getInputStream());
      assertEquals(BridgeProtocol.hello(), frame(in));
      for (int n = 0; n < frames; n++) {
        assertEquals("access_denied", frame(in).getString("message"));
      }
      writer.join(WAIT.toMillis());
      assertEquals(frames, stats.frames.sum());
    }
  }

  @Test
  @DisplayName("sends without a reply address are awaited like requests: a flood reaches a command address 32 at a time, publish is refused")
  void fireAndForgetIsPaced(Vertx vertx) throws Exception {
    List<Message<Object>> held = new CopyOnWriteArrayList<>();
    vertx.eventBus().consumer(Addresses.CLUSTER, held::add).completion().toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    byte[] send = frameBytes(new JsonObject().put("type", "send").put("address", Addresses.CLUSTER)
        .put("body", new JsonObject().put("action", "status")).put("headers", new JsonObject().put("token", TOKEN.value())));
    int frames = 1_000;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      for (int n = 0; n < frames; n++) {
        out.write(send);
      }
      out.flush();
      awaitCount(held::size, BridgeLimits.DEFAULT.maxRequestsInFlight());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      assertEquals(BridgeLimits.DEFAULT.maxRequestsInFlight(), held.size(), "delivered while none was answered");

      int answered = 0;
      while (answered < frames) {
        awaitCount(held::size, answered + 1);
        held.get(answered++).reply(new JsonObject());
      }
      awaitCount(stats.sendsWithoutReply::intValue, frames);

      out.write(frameBytes(new JsonObject().put("type", "publish").put("address", Addresses.CLUSTER)
          .put("body", new JsonObject().put("action", "status")).put("headers", new JsonObject().put("token", TOKEN.value()))));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertEquals(BridgeProtocol.hello(), frame(in));
      assertEquals("publish_refused", frame(in).getString("message"),
          "no reply to a send without a reply address, then the publish's error");
      assertEquals(frames, held.size(), "the publish reached no consumer");
    }
  }

  @Test
  @DisplayName("the bridge speaks first on every connection: a hello with the protocol's name and version, no secret")
  void helloFirst() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) WAIT.toMillis());
      JsonObject hello = frame(new DataInputStream(socket.getInputStream()));
      assertEquals(new JsonObject().put("type", "hello").put("protocol", "vertxcenter-bridge").put("version", 1), hello);
      assertFalse(hello.encode().contains(TOKEN.value()));
    }
  }

  /** The next frame from {@code in}, as JSON. */
  private static JsonObject frame(DataInputStream in) throws IOException {
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    return new JsonObject(new String(body, StandardCharsets.UTF_8));
  }

  private static void awaitCount(IntSupplier count, int expected) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (count.getAsInt() < expected) {
      assertTrue(System.nanoTime() < deadline, "count " + count.getAsInt() + " did not reach " + expected + " within " + WAIT);
      LockSupport.parkNanos(5_000_000);
    }
  }

  private static byte[] frameBytes(JsonObject json) {
    byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }
}
