package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OwnerThreadTest {

  @Test
  @DisplayName("true on the thread that made it; on another, an error naming both threads")
  void ownerOnly() throws Exception {
    OwnerThread owner = new OwnerThread("forwarder");
    assertTrue(owner.isCurrent());
    ExecutorService other = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "acceptor"));
    try {
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> CompletableFuture.supplyAsync(owner::isCurrent, other).get(10, TimeUnit.SECONDS));
      assertEquals("forwarder called on acceptor, made on " + Thread.currentThread().getName(), failed.getCause().getMessage());
    } finally {
      other.shutdownNow();
    }
  }
}
