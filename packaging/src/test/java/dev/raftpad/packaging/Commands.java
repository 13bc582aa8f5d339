package dev.raftpad.packaging;

import dev.raftpad.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/** Running real programs from tests: commands to completion, ports, polling with a deadline. */
final class Commands {
  private Commands() {}

  /** What a finished command did. */
  record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  /**
   * Runs {@code command} in {@code workDir} with extra environment (a null value removes a
   * variable), stdout and stderr together, and waits for it (at most {@code timeoutSeconds}).
   */
  static Result run(
      Path workDir, Map<String, String> environment, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    return run(workDir, environment, timeoutSeconds, command, Path.of("/dev/null"));
  }

  /** As above, with standard input read from {@code stdin}. */
  static Result run(
      Path workDir,
      Map<String, String> environment,
      long timeoutSeconds,
      List<String> command,
      Path stdin)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("command", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
      environment.forEach(
          (key, value) -> {
            if (value == null) {
              builder.environment().remove(key);
            } else {
              builder.environment().put(key, value);
            }
          });
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "timed out after "
                + timeoutSeconds
                + " s: "
                + command
                + "\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Polls {@code condition} every 100 ms until it holds; fails after {@code timeoutSeconds}. */
  static void await(String what, long timeoutSeconds, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(timeoutSeconds), condition);
  }

  /** A free loopback port (free when asked; good enough for tests). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A base port B such that B, B+1, B+2 and B+99 are free (the ./raftpad layout). */
  static int freeBasePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      // gRPC ports, and their metrics ports (+ 1000)
      if (free(base)
          && free(base + 1)
          && free(base + 2)
          && free(base + 99)
          && free(base + 1000)
          && free(base + 1001)
          && free(base + 1002)
          && free(base + 1099)) {
        return base;
      }
    }
    throw new IOException("no free base port found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** True if something accepts connections on the loopback port. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The JDK running this test, for the scripts' JAVA_HOME. */
  static String javaHome() {
    return System.getProperty("java.home");
  }

  /**
   * A path given to the test JVM by failsafe (see packaging/pom.xml). Without it the test is
   * skipped: surefire (e.g. with -Dtest=...) may pick an *IT class up before the distribution
   * exists; failsafe runs it after package.
   */
  static Path pathProperty(String name) {
    String value = System.getProperty(name);
    Assumptions.assumeTrue(
        value != null && !value.isBlank(),
        "system property " + name + " is unset: an integration test, run by failsafe (verify)");
    return Path.of(value).toAbsolutePath().normalize();
  }
}
