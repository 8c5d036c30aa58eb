package io.vertxcenter.node.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertxcenter.common.NetFailure;
import io.vertxcenter.common.NodeRegistry;
import java.util.function.Predicate;

/**
 * A node's HTTP server: {@code GET /health} (the node's event loop answers), {@code GET /ready}
 * ({@link NodeReadiness}; 200, or 503 with what is not ready), {@code GET /metrics} (Prometheus text:
 * Vert.x's meters and {@link RoleMeters}), and the web console ({@link ConsoleLogin}, {@link ConsoleRoutes}).
 * It is deployed before the roles, so {@code /health} answers and {@code /ready} says 503 while they start.
 * Its doors: HTTP/1.1 only, with strict request framing ({@link StrictFraming}); only the Host names
 * the node serves under ({@link HostCheck}); the token or a login session for {@code /api/*}.
 */
public class HttpVerticle extends VerticleBase {
  /** The request header that carries the cluster token to {@code /api/*}. */
  public static final String TOKEN_HEADER = "X-Center-Token";
  /** Where {@code center console} asks for a login ticket: POST, with the token; answers {@code {"ticket": "…"}}. */
  public static final String LOGIN_TICKET_PATH = "/api/login-ticket";
  /** The one-time login link's path; the ticket goes in its query parameter {@code ticket}. */
  public static final String LOGIN_PATH = "/login";
  private final HttpNode node;
  private final ClusterManager cluster;
  private final NodeRegistry registry;
  private final PrometheusMeterRegistry meters;
  private final Predicate<String> tokenAccepted;

  /**
   * @param meters        the registry the node's Vert.x reports to ({@link NodeMetrics#reportTo}); the
   *                      role meters are added to it
   * @param tokenAccepted whether the token a request to {@code /api/*} carries (header {@value #TOKEN_HEADER},
   *                      null when none) lets it through: the cluster token's check
   */
  public HttpVerticle(HttpNode node, ClusterManager cluster, NodeRegistry registry, PrometheusMeterRegistry meters,
      Predicate<String> tokenAccepted) {
    this.node = node;
    this.cluster = cluster;
    this.registry = registry;
    this.meters = meters;
    this.tokenAccepted = tokenAccepted;
  }

  @Override
  public Future<?> start() {
    ClusterSampler sampler = new ClusterSampler(node.nodeId());
    RoleMeters roleMeters = new RoleMeters(vertx, node, meters);
    Router router = Router.router(vertx);
    router.route().handler(new HostCheck(node.host(), node.allowedHosts()));
    router.get(NodeHealth.PATH).handler(HealthCheckHandler.create(vertx).register(NodeHealth.CHECK, done -> done.complete(NodeHealth.up())));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(new NodeReadiness(vertx, node, cluster, registry).checks()));
    router.get("/metrics").handler(context -> roleMeters.refresh().onComplete(v -> scrape(context)));
    new ConsoleLogin(tokenAccepted, node.port()).mount(router);
    new ConsoleRoutes(vertx, sampler, node.nodeId()).mount(router);
    // HTTP/1.1 only (no h2c upgrade), so that every connection goes through the strict decoder
    HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
    return vertx.deployVerticle(sampler)
        .compose(id -> vertx.createHttpServer(options)
            .connectionHandler(connection -> StrictFraming.install(connection, options))
            .requestHandler(router).listen(node.port(), node.host()))
        .recover(error -> Future.failedFuture("cannot serve HTTP on " + node.address() + " (" + error.getMessage()
            + "): " + NetFailure.listenAdvice(error, "--http-host", "--http-port")));
  }

  private void scrape(RoutingContext context) {
    context.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(meters.scrape());
  }
}
