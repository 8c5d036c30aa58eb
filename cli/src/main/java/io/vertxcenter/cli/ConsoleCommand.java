package io.vertxcenter.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertxcenter.common.ClusterToken;
import io.vertxcenter.common.ControlCharacters;
import io.vertxcenter.common.NodeInfo;
import io.vertxcenter.common.Role;
import io.vertxcenter.connect.CliException;
import io.vertxcenter.connect.ClusterConnection;
import io.vertxcenter.node.http.HttpVerticle;
import io.vertxcenter.node.http.NodeHealth;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code center console}: a one-time login link to a node's web console, as Jupyter prints one. It
 * checks that a VertxCenter node answers there ({@link NodeHealth}, without the token), then asks
 * it (with the cluster token) for a login ticket and prints
 * {@code http://HOST:PORT/login?ticket=…} on stdout; opened in a browser within two minutes, the link
 * gives that browser a session on that node (an HttpOnly, SameSite=Strict cookie) and shows the console.
 * Exit status 0, 2 (no token, or the address is no node's HTTP port), 3 (the node does not answer), 1 (it refused).
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Print a one-time login link to a node's web console: open it in your browser within 2 minutes.",
        "The page's data and actions (/api/*) need the cluster token: the link gives the browser a session cookie instead."})
public class ConsoleCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int SHOWN_CHARACTERS = 80;
  private static final String GIVE_ADDRESS = "give the node's HTTP address with --http HOST:PORT, as 'cluster status' shows it";

  @Option(names = "--http", paramLabel = "HOST:PORT", converter = Addresses.HttpAddress.class,
      defaultValue = "${env:CENTER_CONSOLE}",
      description = "HTTP address of the node whose console to open, as 'cluster status' shows it (env CENTER_CONSOLE;"
          + " default: the HTTP address of the cluster's first server node, else of its first node, asked over --cluster).")
  String http;

  @Mixin
  ClusterTarget target;

  @Override
  public Integer call() {
    ClusterToken token = target.token();
    if (token == null) {
      throw new CliException(CliException.USAGE, "no cluster token: set " + ClusterToken.ENV + " or --token-file, or run this"
          + " where $CENTER_HOME/" + ClusterToken.FILE_NAME + " is the cluster's");
    }
    String address = http != null ? http : consoleOfCluster();
    String base = "http://" + address;
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    // first, without the token: only a VertxCenter node answers /health so; the token goes to nothing else
    HttpResponse<String> health = send(client, base, HttpRequest.newBuilder(URI.create(base + NodeHealth.PATH)).GET());
    if (health.statusCode() != 200 || !NodeHealth.isNodes(json(health.body()))) {
      throw new CliException(CliException.USAGE, shown(address) + " is not a VertxCenter node's HTTP port (its " + NodeHealth.PATH
          + " answered HTTP " + health.statusCode() + " " + shown(health.body()) + "): " + GIVE_ADDRESS);
    }
    HttpResponse<String> response = send(client, base, HttpRequest.newBuilder(URI.create(base + HttpVerticle.LOGIN_TICKET_PATH))
        .header(HttpVerticle.TOKEN_HEADER, token.value()).POST(HttpRequest.BodyPublishers.noBody()));
    String ticket = ticket(response);
    if (response.statusCode() == 401) {
      throw new CliException(CliException.FAILED, "the node at " + base + " refused the token: give its cluster's with "
          + ClusterToken.ENV + " or --token-file");
    }
    if (ticket == null) {
      throw new CliException(CliException.FAILED, "the node at " + base + " gave no login ticket (HTTP " + response.statusCode()
          + "): is it a VertxCenter node's HTTP port?");
    }
    System.out.println(base + HttpVerticle.LOGIN_PATH + "?ticket=" + ticket);
    System.err.println("open this link in your browser within 2 minutes; it works once");
    return 0;
  }

  /**
   * The HTTP address ({@code host:port}) of the cluster's first server node, else of its first node
   * with one, from {@code cluster status} over the bridges of {@code --cluster} (or {@code center up}'s).
   *
   * @throws CliException (unreachable) when no bridge answers; (failed) when no node serves HTTP
   */
  private String consoleOfCluster() {
    List<NodeInfo> nodes;
    try (ClusterConnection connection = target.connect()) {
      nodes = connection.clusterStatus().getJsonArray("nodes").stream().map(node -> NodeInfo.fromJson((JsonObject) node)).toList();
    }
    Comparator<NodeInfo> serversFirst = Comparator.comparing(node -> !node.roles().contains(Role.SERVER.label()));
    return nodes.stream().filter(node -> node.http() != null).sorted(serversFirst.thenComparing(NodeInfo::id))
        .map(NodeInfo::http).findFirst()
        .orElseThrow(() -> new CliException(CliException.FAILED, "no node of the cluster serves HTTP ('cluster status' shows"
            + " none in its HTTP column): start nodes with --http-port, or give a console's address with --http HOST:PORT"));
  }

  /**
   * Sends {@code request} to the console at {@code base}, allowing it {@link #TIMEOUT}.
   *
   * @throws CliException (unreachable) when nothing answers; (usage) when what answers does not speak HTTP
   */
  private static HttpResponse<String> send(HttpClient client, String base, HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpTimeoutException e) {
      throw new CliException(CliException.UNREACHABLE, "cannot reach the console at " + base + " (" + shown(String.valueOf(e.getMessage()))
          + "): " + GIVE_ADDRESS);
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, base.substring("http://".length()) + " is not a VertxCenter node's HTTP port (it does"
          + " not answer as an HTTP server: " + shown(String.valueOf(e.getMessage())) + "): " + GIVE_ADDRESS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted while asking " + base + " for a login ticket");
    }
  }

  /** A peer's text as a message shows it: cut and escaped, never raw. */
  private static String shown(String text) {
    return ControlCharacters.shown(text, SHOWN_CHARACTERS);
  }

  /** {@code body} as a JSON object, or an empty one when it is not one. */
  private static JsonObject json(String body) {
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject();
    }
  }

  private static String ticket(HttpResponse<String> response) {
    return response.statusCode() == 200 ? json(response.body()).getString("ticket") : null;
  }
}
