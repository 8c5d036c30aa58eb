package io.vertxcenter.it.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertxcenter.common.Role;
import io.vertxcenter.it.NodeProcess;
import io.vertxcenter.it.TestCluster;
import io.vertxcenter.monitor.PrintMode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs), driven by Selenium, against a cluster of real node JVMs: before a
 * login it shows no data and says to run {@code center console}; logged in by the link that prints, it lists
 * every node, its figures move while the client sends, its actions reach the cluster, and a node
 * killed with -9 leaves the page within 5 s. Saves {@code target/console.png}.
 */
class ConsoleBrowserIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration LIVE = Duration.ofSeconds(5);
  private static final Pattern NODE_ID = Pattern.compile("node (\\S+) ready in");
  private static final Pattern LOGIN_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/login\\?ticket=[A-Za-z0-9_-]+");
  private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

  private final TestCluster cluster = new TestCluster();
  private ChromeDriver browser;

  @Test
  @DisplayName("the console shows every node, rising figures, scales workers and drops a killed node, live")
  void consoleFollowsTheCluster() throws IOException {
    TestCluster.Node serverNode = cluster.node("server", Role.SERVER, Role.MONITOR).withPrint(PrintMode.NONE).withHttp();
    int httpPort = serverNode.httpPort();
    String serverId = nodeId(serverNode.start());
    NodeProcess client = cluster.node("client", Role.CLIENT).start();
    NodeProcess worker1 = cluster.node("worker-1", Role.WORKER).start();
    NodeProcess worker2 = cluster.node("worker-2", Role.WORKER).start();
    List<String> ids = List.of(serverId, nodeId(client), nodeId(worker1), nodeId(worker2));

    browser = chromium();
    browser.get("http://127.0.0.1:" + httpPort + "/");
    WebDriverWait started = new WebDriverWait(browser, START);
    // not logged in: the page says how to, and shows no node
    started.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "run 'center console'"));
    assertTrue(browser.findElements(By.cssSelector("#nodes tbody tr")).isEmpty(), "no data before the login");
    // the login link 'center console' prints, as a user opens it
    browser.get(loginLink(httpPort));
    for (String id : ids) {
      started.until(ExpectedConditions.presenceOfElementLocated(By.id("node-" + id)));
    }

    WebElement rate = browser.findElement(By.id("client-rate"));
    rate.clear();
    rate.sendKeys("2000");
    browser.findElement(By.id("client-start")).click();
    long first = receivedTotal();
    started.until(driver -> receivedTotal() > first);
    long second = receivedTotal();
    started.until(driver -> receivedTotal() > second);

    WebElement count = browser.findElement(By.id("workers-count"));
    count.clear();
    count.sendKeys("3");
    long clicked = System.nanoTime();
    browser.findElement(By.id("scale-workers")).click();
    WebDriverWait live = new WebDriverWait(browser, LIVE);
    for (String worker : ids.subList(2, 4)) {
      live.until(ExpectedConditions.textToBe(By.cssSelector("#workers-" + worker + " .instances"), "3"));
    }
    System.out.printf("console: workers scaled to 3 shown %d ms after the click%n", (System.nanoTime() - clicked) / 1_000_000);
    long scaled = receivedTotal();
    started.until(driver -> receivedTotal() > scaled + 10_000); // a few seconds more of the chart for the screenshot
    screenshot(Path.of("target", "console.png"));

    long killed = System.nanoTime();
    worker2.process().destroyForcibly();
    live.until(ExpectedConditions.numberOfElementsToBe(By.id("node-" + ids.get(3)), 0));
    System.out.printf("console: node killed with -9 gone from the page %d ms later%n", (System.nanoTime() - killed) / 1_000_000);
    assertTrue(browser.findElements(By.id("node-" + serverId)).size() == 1, "the other nodes stay");
    browser.findElement(By.id("client-stop")).click();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    cluster.close();
  }

  /** The one-time login link {@code center console} prints for the node at {@code httpPort}. */
  private static String loginLink(int httpPort) {
    NodeProcess.Result console = NodeProcess.run(List.of("console", "--http", "127.0.0.1:" + httpPort), Duration.ofSeconds(60));
    assertTrue(console.exitCode() == 0, console.output());
    Matcher link = LOGIN_LINK.matcher(console.output());
    assertTrue(link.find(), "a login link in:\n" + console.output());
    return link.group();
  }

  private static String nodeId(NodeProcess node) {
    Matcher matcher = NODE_ID.matcher(node.awaitLine(line -> NODE_ID.matcher(line).find(), NodeProcess.START_TIMEOUT));
    matcher.find();
    return matcher.group(1);
  }

  private long receivedTotal() {
    return Long.parseLong(browser.findElement(By.id("received-total")).getText().replace(",", ""));
  }

  private void screenshot(Path target) {
    try {
      Files.createDirectories(target.getParent());
      File shot = browser.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ChromeDriver chromium() {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new AssertionError("the console test needs Chromium and its driver at " + CHROMIUM + " and " + DRIVER
          + ": apt-get install chromium chromium-driver (.ci/run does), or set -Dchromium.binary / -Dchromium.driver");
    }
    try {
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--window-size=1400,1200",
          "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1400, 1200));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
