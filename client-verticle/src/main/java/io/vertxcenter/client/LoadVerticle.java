package io.vertxcenter.client;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;

/** One instance of a load run: opens its share of the connections, on its own event loop. */
public class LoadVerticle extends VerticleBase {
  private final LoadPlan plan;
  private final LoadStats stats;
  private final int instance;
  private final int connectionCount;
  private final List<LoadConnection> connections = new ArrayList<>();
  private NetClient client;

  LoadVerticle(LoadPlan plan, LoadStats stats, int instance, int connectionCount) {
    this.plan = plan;
    this.stats = stats;
    this.instance = instance;
    this.connectionCount = connectionCount;
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    double ratePerConnection = (double) plan.rate() / plan.connections();
    for (int i = 1; i <= connectionCount; i++) {
      LoadConnection connection = new LoadConnection(vertx, client, plan, ratePerConnection, stats, instance + "-" + i);
      connections.add(connection);
      connection.connect();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    connections.forEach(LoadConnection::stop);
    return client.close();
  }
}
