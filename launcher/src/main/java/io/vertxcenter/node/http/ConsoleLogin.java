package io.vertxcenter.node.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who may use the console's API ({@code /api/*}): a request with the cluster token in header
 * {@value HttpVerticle#TOKEN_HEADER} (scripts, {@code center console}), or a browser holding this
 * node's session cookie, which a one-time login link gives it, as Jupyter's does:
 * <ol>
 *   <li>{@code center console} sends {@code POST /api/login-ticket} with the token and gets
 *       {@code {"ticket": "…"}}, a random ticket good for one use within {@link #TICKET_TTL};</li>
 *   <li>it prints {@code http://HOST:PORT/login?ticket=…}; opened, that sets the cookie
 *       {@code center-session-PORT} (HttpOnly, SameSite=Strict, path /, valid {@link #SESSION_TTL})
 *       and redirects to the page, which from then on reads {@code /api/events} and sends
 *       {@code /api/command} with it.</li>
 * </ol>
 * Anything else under {@code /api/} is refused with 401 before its body is read ({@link ErrorReply#refuse}).
 * Tickets and sessions live in this node's memory, at most {@value #MAX_LIVE} of each (a token holder
 * asking for more finds the oldest gone): a restarted node asks for a new login. The page, its scripts,
 * {@code /health}, {@code /ready} and {@code /metrics} need nothing. Used on the verticle's event loop only.
 */
final class ConsoleLogin {
  /** How long a login ticket may wait to be used. */
  static final Duration TICKET_TTL = Duration.ofMinutes(2);
  /** How long a browser's session lasts. */
  static final Duration SESSION_TTL = Duration.ofHours(12);
  /** Answers 204 to a request with the token or a live session, else 401: how the page finds out it must log in. */
  static final String SESSION_PATH = "/api/session";
  private static final int MAX_LIVE = 1000;
  private static final int RANDOM_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> tickets = new HashMap<>();
  private final Map<String, Long> sessions = new HashMap<>();
  private final Predicate<String> tokenAccepted;
  private final String cookieName;

  /**
   * @param tokenAccepted the cluster token's check (the header's value, null when absent)
   * @param port          the node's HTTP port: cookies are shared by every port of a host, so each
   *                      node's cookie has a name of its own
   */
  ConsoleLogin(Predicate<String> tokenAccepted, int port) {
    this.tokenAccepted = tokenAccepted;
    this.cookieName = "center-session-" + port;
  }

  /** Mounts the login routes and the check of every {@code /api/} request; before the API's routes. */
  void mount(Router router) {
    router.post(HttpVerticle.LOGIN_TICKET_PATH).handler(this::ticket);
    router.get(HttpVerticle.LOGIN_PATH).handler(this::login);
    router.route("/api/*").handler(this::authenticated);
    router.get(SESSION_PATH).handler(context -> context.response().setStatusCode(204).end());
  }

  private void ticket(RoutingContext context) {
    if (!tokenAccepted.test(context.request().getHeader(HttpVerticle.TOKEN_HEADER))) {
      ErrorReply.refuse(context, 401, "a login ticket is given only for the cluster token, in header " + HttpVerticle.TOKEN_HEADER);
      return;
    }
    context.response().putHeader("Cache-Control", "no-store");
    context.json(new JsonObject().put("ticket", issue(tickets, TICKET_TTL)));
  }

  private void login(RoutingContext context) {
    String ticket = context.request().getParam("ticket");
    if (ticket == null || !take(tickets, ticket)) {
      ErrorReply.refuse(context, 401, "this login link is used, expired (after " + TICKET_TTL.toMinutes() + " minutes) or"
          + " unknown to this node: run 'center console' for a new one");
      return;
    }
    String session = issue(sessions, SESSION_TTL);
    context.response().addCookie(Cookie.cookie(cookieName, session).setPath("/").setHttpOnly(true)
            .setSameSite(CookieSameSite.STRICT).setMaxAge(SESSION_TTL.toSeconds()))
        .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Location", "/").setStatusCode(303).end();
  }

  private void authenticated(RoutingContext context) {
    Cookie cookie = context.request().getCookie(cookieName);
    if (tokenAccepted.test(context.request().getHeader(HttpVerticle.TOKEN_HEADER))
        || cookie != null && live(sessions, cookie.getValue())) {
      context.next();
      return;
    }
    ErrorReply.refuse(context, 401, "not logged in to this node's console: run 'center console' and open the link it"
        + " prints (or send the cluster token in header " + HttpVerticle.TOKEN_HEADER + ")");
  }

  /** A new random key in {@code keys}, valid for {@code ttl}; expired keys go, and the oldest over {@value #MAX_LIVE}. */
  private String issue(Map<String, Long> keys, Duration ttl) {
    long now = System.nanoTime();
    keys.values().removeIf(expiry -> expiry - now < 0);
    while (keys.size() >= MAX_LIVE) {
      keys.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(oldest -> keys.remove(oldest.getKey()));
    }
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    keys.put(key, now + ttl.toNanos());
    return key;
  }

  private static boolean live(Map<String, Long> keys, String key) {
    Long expiry = keys.get(key);
    return expiry != null && expiry - System.nanoTime() >= 0;
  }

  /** Whether {@code key} was live; it is gone either way (a ticket is good once). */
  private static boolean take(Map<String, Long> keys, String key) {
    Long expiry = keys.remove(key);
    return expiry != null && expiry - System.nanoTime() >= 0;
  }
}
