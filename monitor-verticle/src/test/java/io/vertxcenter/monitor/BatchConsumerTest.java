package io.vertxcenter.monitor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertxcenter.common.Eventually;
import io.vertxcenter.common.RoleState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.Addresses;
import io.vertxcenter.common.DataBatch;
import io.vertxcenter.common.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchConsumerTest {
  /** Where a stamp puts the send time in a batch's header (DataBatch's format, version 2). */
  private static final int SENT_AT_OFFSET = 18;
  private final List<Vertx> started = new ArrayList<>();
  /** The event loop of the last consumer made, to freeze it as a stopped JVM would be. */
  private Context monitorContext;

  @AfterEach
  void close() throws Exception {
    for (Vertx vertx : started) {
      await(vertx.close());
    }
  }

  @Test
  @DisplayName("a JSON| line gets one verdict whether the monitor prints it in full or only counts it (random, long numbers, colliding names, deep, escapes)")
  void oneVerdictPrintedOrSummarised() throws Exception {
    ListConsole printed = new ListConsole(false);
    Vertx printing = consumer(new MessagePrinter(PrintMode.ALL, printed));
    Vertx summarising = consumer(new MessagePrinter(PrintMode.SUMMARY, new ListConsole(false)));
    Random random = new Random(Long.getLong("verdict.seed", 1024L));
    List<String> payloads = new ArrayList<>(List.of(JsonDocuments.collidingNames(729), "[1e400]", "{\"v\":\"\\ud800\"}"));
    for (int n = 0; n < 2_000; n++) {
      payloads.add(n % 2 == 0 ? JsonDocuments.hard(random, n / 2) : JsonDocuments.mutate(JsonDocuments.document(random, 0), random));
    }
    long seq = 0;
    int invalid = 0;
    for (String payload : payloads) {
      seq++;
      Buffer batch = batch("c1", seq, "JSON|" + payload);
      String inFull = verdict(printing, batch);
      String counted = verdict(summarising, batch);
      if (!inFull.equals(counted)) {
        fail("printed: " + inFull + ", summarised: " + counted + " for " + payload.substring(0, Math.min(200, payload.length())));
      }
      invalid += inFull.equals("invalidJson") ? 1 : 0;
      assertEquals(JacksonReference.accepts(payload), inFull.equals("json"), "Jackson (no name table) on " + payload);
    }
    assertTrue(invalid > 100 && invalid < payloads.size() - 100, "both verdicts were tried: " + invalid + " invalid");
    assertEquals("json", verdict(printing, batch("c2", 1, "JSON|" + JsonDocuments.collidingNames(729))), "729 names sharing a hash");
  }

  @Test
  @DisplayName("a line the monitor fails on is shown as an error, counted, and acknowledged with its batch; the others are shown; resent, it is a duplicate")
  void failedLineIsCountedAndAcknowledged() throws Exception {
    ListConsole console = new ListConsole(true);
    Vertx vertx = printing(console);
    DataBatch.Writer writer = new DataBatch.Writer(256);
    for (String[] line : new String[][] {{"1", "before"}, {"2", "boom \u001b[2J"}, {"3", "after"}}) {
      byte[] text = line[1].getBytes(StandardCharsets.UTF_8);
      writer.add("c1", Long.parseLong(line[0]), DataBatch.nowMicros(), text, 0, text.length);
    }
    Buffer batch = writer.finish();

    JsonObject ack = await(vertx.eventBus().<JsonObject>request(Addresses.DATA, batch)).body();
    assertEquals(3, ack.getInteger("accepted"));
    assertEquals(List.of("Received String: before", "Received String: after"), console.infos);
    assertEquals(1, console.errors.size());
    assertEquals("failed to handle line 2 of connection c1: IllegalStateException: console failed on: Received String: boom \\x1b[2J"
        + " (counted in 'errors'; acknowledged, so the server goes on and never sends it again)", console.errors.get(0));
    JsonObject status = status(vertx);
    assertEquals(1, status.getLong("errors"));
    assertEquals(3, status.getLong("messages"));

    JsonObject resent = await(vertx.eventBus().<JsonObject>request(Addresses.DATA, batch)).body();
    assertEquals(0, resent.getInteger("accepted"));
    assertEquals(3, resent.getInteger("duplicates"));
    assertEquals(1, status(vertx).getLong("errors"));
  }

  @Test
  @DisplayName("a message cut at the output limit is counted, and the next one prints in full")
  void cutIsCountedAndTheStreamGoesOn() throws Exception {
    ListConsole console = new ListConsole(false);
    Vertx vertx = printing(console);
    String deep = "JSON|" + "[".repeat(990) + "1,".repeat(31_775) + "1" + "]".repeat(990);
    await(vertx.eventBus().request(Addresses.DATA, batch("c1", 1, deep)));
    await(vertx.eventBus().request(Addresses.DATA, batch("c1", 2, "next")));
    assertEquals(1, status(vertx).getLong("cut"));
    assertEquals(2, console.infos.size());
    assertTrue(console.infos.get(0).length() < ConsoleMessage.MAX_BYTES + 100, "printed " + console.infos.get(0).length());
    assertEquals("Received String: next", console.infos.get(1));
  }

  @Test
  @DisplayName("a batch handled after its deadline (the monitor was frozen; the server has sent it again) is dropped unshown, unacknowledged, counted as late")
  void latePastDeadlineIsDropped() throws Exception {
    ListConsole console = new ListConsole(false);
    Vertx vertx = printing(console);
    await(vertx.eventBus().request(Addresses.DATA, stamped(batch("c1", 1, "before"), false, 400)));

    CountDownLatch frozen = new CountDownLatch(1);
    monitorContext.runOnContext(v -> {
      frozen.countDown();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(800)); // the fault: the monitor's event loop stops for 0.8 s
    });
    assertTrue(frozen.await(10, TimeUnit.SECONDS));
    Future<Message<Object>> late = vertx.eventBus().request(Addresses.DATA, stamped(batch("c1", 2, "late"), false, 400),
        new DeliveryOptions().setSendTimeout(2_000));
    Throwable noReply = awaitFailure(late);
    assertEquals(ReplyFailure.TIMEOUT, ((ReplyException) noReply).failureType(), "no reply: " + noReply);
    await(vertx.eventBus().request(Addresses.DATA, stamped(batch("c1", 3, "after"), true, 400)));
    assertEquals(List.of("Received String: before", "Received String (resent): after"), console.infos);
    JsonObject status = status(vertx);
    assertEquals(1, status.getLong("late"));
    assertEquals(2, status.getLong("messages"));
    assertEquals(1, status.getLong("resent"));
  }

  @Test
  @DisplayName("a batch whose sender's clock is far off this one's is not late: the offset is learnt per sender, not assumed")
  void skewedClockIsNotLate() throws Exception {
    ListConsole console = new ListConsole(false);
    Vertx vertx = printing(console);
    long hourAgo = DataBatch.monotonicMicros() - 3_600_000_000L;
    for (int seq = 1; seq <= 3; seq++) {
      Buffer batch = stamped(batch("c1", seq, "line " + seq), false, 400);
      batch.setLong(SENT_AT_OFFSET, hourAgo + seq); // a sender whose monotonic clock reads an hour behind
      await(vertx.eventBus().request(Addresses.DATA, batch));
    }
    assertEquals(List.of("Received String: line 1", "Received String: line 2", "Received String: line 3"), console.infos);
    assertEquals(0, status(vertx).getLong("late"));
  }

  @Test
  @DisplayName("lines of a resent batch the monitor did not see are shown marked (resent) and counted; sent once more, they are duplicates")
  void resentLinesAreMarked() throws Exception {
    ListConsole console = new ListConsole(false);
    Vertx vertx = printing(console);
    Buffer batch = stamped(batch("c1", 7, "JSON|{\"a\":1}"), true, 5_000);
    JsonObject ack = await(vertx.eventBus().<JsonObject>request(Addresses.DATA, batch)).body();
    assertEquals(1, ack.getInteger("accepted"));
    assertEquals(List.of("Received JSON data (resent): object\n{\n  \"a\": 1\n}"), console.infos);
    JsonObject again = await(vertx.eventBus().<JsonObject>request(Addresses.data("m-test"), batch)).body();
    assertEquals(1, again.getInteger("duplicates"), "its own address takes batches too");
    assertEquals(1, console.infos.size());
    assertEquals(1, status(vertx).getLong("resent"));
  }

  @Test
  @DisplayName("an output that cannot be written: the batch is failed 503 (not acknowledged), the monitor is degraded with the reason; once it writes, the batch sent again is shown and it is ready; each change told to the node")
  void outputFailureIsBackPressure() throws Exception {
    ListConsole console = new ListConsole(false);
    Vertx vertx = printing(console);
    AtomicInteger told = new AtomicInteger();
    await(RoleState.onChange(vertx, "m-test", told::incrementAndGet).completion());
    console.full = true;
    Throwable refused = awaitFailure(vertx.eventBus().request(Addresses.DATA, stamped(batch("c1", 1, "kept"), false, 5_000)));
    assertEquals(Failure.UNAVAILABLE.code(), ((ReplyException) refused).failureCode());
    assertTrue(refused.getMessage().startsWith("the monitor cannot write its test output (No space left on device)"), refused.getMessage());
    JsonObject degraded = status(vertx);
    assertEquals("degraded", degraded.getString("state"));
    assertEquals(refused.getMessage(), degraded.getString("reason"));
    assertEquals(0, degraded.getLong("messages"));
    assertEquals(0, degraded.getLong("strings"), "a batch not written is not counted");
    assertEquals(List.of(), console.infos);
    Eventually.await("the change told to the node", told::get, n -> n == 1, Duration.ofSeconds(10));

    console.full = false;
    JsonObject ack = await(vertx.eventBus().<JsonObject>request(Addresses.DATA, stamped(batch("c1", 1, "kept"), true, 5_000))).body();
    assertEquals(1, ack.getInteger("accepted"), "its lines were not counted as seen when the write failed");
    assertEquals(List.of("Received String (resent): kept"), console.infos);
    JsonObject ready = status(vertx);
    assertEquals("ready", ready.getString("state"));
    assertEquals(1, ready.getLong("messages"));
    assertEquals(1, ready.getLong("strings"));
    assertEquals(1, ready.getLong("failedWrites"));
    Eventually.await("the change back told to the node", told::get, n -> n == 2, Duration.ofSeconds(10));
  }

  /** A consumer printing every message on {@code console}. */
  private Vertx printing(ListConsole console) throws Exception {
    return consumer(new MessagePrinter(PrintMode.ALL, console));
  }

  /** A Vert.x of its own (so its event bus is its own) with a monitor's consumer, and its status at "test.status". */
  private Vertx consumer(MessagePrinter printer) throws Exception {
    Vertx vertx = Vertx.vertx();
    started.add(vertx);
    await(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        monitorContext = context;
        BatchConsumer consumer = new BatchConsumer(vertx, "m-test", printer, "test output");
        vertx.eventBus().<JsonObject>consumer("test.status", message -> message.reply(consumer.status()));
        return consumer.start();
      }
    }));
    return vertx;
  }

  private static String verdict(Vertx vertx, Buffer batch) throws Exception {
    JsonObject before = status(vertx);
    await(vertx.eventBus().request(Addresses.DATA, batch));
    JsonObject after = status(vertx);
    if (after.getLong("json") > before.getLong("json")) {
      return "json";
    }
    return after.getLong("invalidJson") > before.getLong("invalidJson") ? "invalidJson" : "neither";
  }

  private static JsonObject status(Vertx vertx) throws Exception {
    return await(vertx.eventBus().<JsonObject>request("test.status", null)).body();
  }

  private static Buffer batch(String connection, long seq, String line) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    DataBatch.Writer writer = new DataBatch.Writer(text.length + 64);
    writer.add(connection, seq, DataBatch.nowMicros(), text, 0, text.length);
    return writer.finish();
  }

  private static Buffer stamped(Buffer batch, boolean resent, int ackTimeoutMs) {
    DataBatch.stamp(batch, resent, ackTimeoutMs);
    return batch;
  }

  private static Throwable awaitFailure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    return fail("succeeded: " + future.result());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
