import io.vertx.core.json.JsonObject;
import io.vertxcenter.cli.ClusterConnection;
import java.util.List;

/**
 * One command to a role over a node's CLI bridge, reply printed as JSON:
 * {@code java -cp center.jar bench/Request.java HOST:PORT ADDRESS ACTION [ARGS-JSON]}.
 */
public class Request {
  public static void main(String[] args) {
    try (ClusterConnection cluster = ClusterConnection.open(List.of(args[0]))) {
      JsonObject reply = cluster.request(args[1], args[2], new JsonObject(args.length > 3 ? args[3] : "{}"),
          "nothing in the cluster answers " + args[1]);
      System.out.println(reply.encode());
    }
  }
}
