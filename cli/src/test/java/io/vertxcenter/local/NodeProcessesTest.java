package io.vertxcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.connect.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process is ours only when pid, start time and CENTER_HOME match; a damaged state file is an error. */
class NodeProcessesTest {
  @TempDir
  Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  @DisplayName("the state file's pid now held by an unrelated 'center shell' (no CENTER_HOME on its line): not ours, never signalled")
  void reusedPidIsNotOurs() throws IOException {
    Process shell = centerShell(List.of());
    LocalClusterState.Child node = childOf(shell, NodeProcesses.startedMillis(shell.toHandle()));
    assertTrue(NodeProcesses.find(node).isEmpty());
    NodeProcesses.stopInOrder(List.of(node), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertTrue(shell.isAlive(), "an unrelated process got a signal");
  }

  @Test
  @DisplayName("a JVM of this CENTER_HOME is ours with its recorded start time, not with another (its pid reused by a later one)")
  void startTimeMustMatch() throws IOException {
    Process node = centerShell(List.of(NodeProcesses.homeFlag()));
    long startedMillis = NodeProcesses.startedMillis(node.toHandle());
    assertTrue(startedMillis > 0);
    assertTrue(NodeProcesses.find(childOf(node, startedMillis)).isPresent());
    assertTrue(NodeProcesses.find(childOf(node, startedMillis - 10_000)).isEmpty());
    assertTrue(NodeProcesses.ofThisHome().stream().anyMatch(handle -> handle.pid() == node.pid()));
    assertFalse(NodeProcesses.isSupervisor(node.toHandle()));
  }

  @Test
  @DisplayName("a process that has exited but whose parent never collects it (a zombie) no longer runs, though the JDK calls it alive")
  void zombieIsNotRunning() throws IOException {
    // 'sleep 0' exits at once; its parent, the shell exec'd into 'sleep 30', never collects it
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
    started.add(parent);
    long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream())).readLine().trim());
    ProcessHandle handle = ProcessHandle.of(zombie).orElseThrow();
    assertTrue(NodeProcesses.exited(handle, System.nanoTime() + 10_000_000_000L), "the exited child was taken for running");
    assertTrue(handle.isAlive(), "the JDK still calls a zombie alive (the case this covers)");
    assertFalse(NodeProcesses.isRunning(handle));
    assertTrue(NodeProcesses.isRunning(parent.toHandle()));
  }

  @Test
  @DisplayName("a state file cut short, or JSON without its fields: an error naming the file and 'center down'; none: empty")
  void damagedStateFile() throws IOException {
    Path file = dir.resolve("cluster.json");
    assertTrue(LocalClusterState.read(file).isEmpty());
    String whole = "{\"cluster\":\"c\",\"supervisor\":1,\"supervisorStarted\":2,\"ready\":true,\"nodes\":[]}";
    Files.writeString(file, whole);
    assertEquals("c", LocalClusterState.read(file).orElseThrow().cluster());
    for (String damaged : List.of(whole.substring(0, 30), "", "[]", "{}")) {
      Files.writeString(file, damaged);
      CliException e = assertThrows(CliException.class, () -> LocalClusterState.read(file), damaged);
      assertEquals(CliException.FAILED, e.exitCode());
      assertTrue(e.getMessage().startsWith(file + " cannot be read (") && e.getMessage().contains("run 'center down'"), e.getMessage());
    }
  }

  /** A real {@code center shell} JVM (it waits on its standard input), with these JVM flags. */
  private Process centerShell(List<String> jvmFlags) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeProcesses.MAIN_CLASS, "shell"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(process);
    return process;
  }

  private static LocalClusterState.Child childOf(Process process, long startedMillis) {
    return new LocalClusterState.Child("server", "server", process.pid(), startedMillis, "127.0.0.1:1", "server.log");
  }
}
