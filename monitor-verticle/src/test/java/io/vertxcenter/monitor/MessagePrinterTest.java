package io.vertxcenter.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessagePrinterTest {

  @Test
  @DisplayName("lines the monitor fails on are shown at most 10 a second, escaped; past that the summary line tells")
  void failuresAreBounded() throws IOException {
    ListConsole console = new ListConsole(false);
    MessagePrinter printer = new MessagePrinter(PrintMode.NONE, console);
    for (int seq = 1; seq <= 15; seq++) {
      printer.failed("c1", seq, new IllegalArgumentException("bad \u001b[2J"));
    }
    assertEquals(MessagePrinter.ERRORS_PER_SECOND, console.errors.size());
    assertEquals("failed to handle line 1 of connection c1: IllegalArgumentException: bad \\x1b[2J"
        + " (counted in 'errors'; acknowledged, so the server goes on and never sends it again)", console.errors.get(0));
    printer.second("the summary");
    printer.flush();
    assertEquals(List.of("the summary"), console.infos, "the summary is printed even with --print none when errors went unshown");
    printer.failed("c1", 16, new IllegalArgumentException("next second"));
    assertEquals(MessagePrinter.ERRORS_PER_SECOND + 1, console.errors.size());
  }
}
