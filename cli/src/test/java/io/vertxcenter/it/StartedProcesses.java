package io.vertxcenter.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code center} JVMs a test starts, each killed after the test, passed or failed, so that no
 * node outlives it. Register it as a field: {@code @RegisterExtension final StartedProcesses
 * processes = new StartedProcesses();}.
 */
public final class StartedProcesses implements AfterEachCallback {
  private final List<NodeProcess> started = new ArrayList<>();

  /** Starts {@code java -jar center.jar ARGS…} with {@code KEY=VALUE} environment entries, as {@link NodeProcess#start}. */
  public NodeProcess start(String name, List<String> args, List<String> env) {
    NodeProcess process = NodeProcess.start(name, args, env);
    started.add(process);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(NodeProcess::close);
    started.clear();
  }
}
