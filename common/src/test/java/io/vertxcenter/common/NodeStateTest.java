package io.vertxcenter.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node's state over its roles' states: what {@code cluster status} shows for a node running a server and a client. */
class NodeStateTest {
  @Test
  @DisplayName("degraded wins with every degraded role's reason; then idle; ready only when every role is")
  void combined() {
    NodeState serverIdle = NodeState.idle("the server was stopped");
    NodeState clientDegraded = NodeState.degraded("the client cannot connect to h:1: connection refused");
    NodeState serverDegraded = NodeState.degraded("the server cannot listen on h:2");

    assertEquals(NodeState.ready(), NodeState.of(List.of()));
    assertEquals(NodeState.ready(), NodeState.of(List.of(NodeState.ready(), NodeState.ready())));
    assertEquals(serverIdle, NodeState.of(List.of(serverIdle, NodeState.ready())));
    assertEquals(clientDegraded, NodeState.of(List.of(serverIdle, clientDegraded)),
        "a client that cannot reach its server is not hidden by a server stopped on purpose");
    assertEquals(NodeState.degraded(serverDegraded.reason() + "; " + clientDegraded.reason()),
        NodeState.of(List.of(serverDegraded, clientDegraded)));
  }
}
