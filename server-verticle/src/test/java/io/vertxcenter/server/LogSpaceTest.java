package io.vertxcenter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data log's health tells whoever shows it each time it may have changed, and not on every byte. */
class LogSpaceTest {
  private static final long BOUND = 1 << 20;

  @Test
  @DisplayName("told when the log becomes full or not, when a write fails or works again, when a refusal comes or ends, "
      + "when a force fails and when a start recovers the log; not on a size change below or above the bound, nor on the same reason again")
  void toldWhenTheProblemMayChange(@TempDir Path dir) {
    LogSpace space = new LogSpace(new LogSettings(dir, Durability.WRITE, BOUND));
    AtomicInteger told = new AtomicInteger();
    space.onChange(told::incrementAndGet);
    Object holder = new Object();

    space.grew(BOUND - 1);
    assertEquals(0, told.get(), "below the bound: nothing to tell");
    space.grew(1);
    assertEquals(1, told.get(), "full");
    assertNotNull(space.problem());
    space.grew(500);
    assertEquals(1, told.get(), "still full: the reason is the same");
    space.grew(-501);
    assertEquals(2, told.get(), "no longer full");
    assertNull(space.problem());

    space.writeFailure(holder, "No space left on device");
    space.writeFailure(holder, "No space left on device");
    assertEquals(3, told.get(), "a write failure, told once");
    space.writeFailure(holder, null);
    space.writeFailure(holder, null);
    assertEquals(4, told.get(), "written again, told once");

    space.refused(holder, "400 not a data batch");
    space.refused(holder, "400 not a data batch");
    space.refused(holder, null);
    assertEquals(6, told.get(), "a refusal and its end");

    space.forceFailed("Input/output error");
    assertEquals(7, told.get(), "a force failed");
    space.recovered(0);
    assertEquals(8, told.get(), "a start recovered the log");
    assertNull(space.problem());
  }
}
