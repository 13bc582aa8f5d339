package dev.raftpad.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The server of the previous release, built from the repository's own history, for upgrade tests
 * that start nodes of it ({@link NodeProcesses#start(String, String)}). Which commit that is lives
 * in one place, {@code previous-release.properties} beside this class.
 *
 * <p>The commit's tree is exported with {@code git archive} (the working copy and its {@code .git}
 * are left alone) and its {@code server-node} is packaged with the commit's own Maven Wrapper,
 * tests skipped. The build is kept under {@code target/previous-release/COMMIT}, so a second run of
 * the test reuses it.
 *
 * @param commit the full commit id
 * @param name how reports name it
 */
public record PreviousRelease(String commit, String name) {
  private static final long BUILD_MINUTES = 20;

  /** The release named by {@code previous-release.properties}. */
  public static PreviousRelease pinned() {
    Properties properties = new Properties();
    try (InputStream in =
        PreviousRelease.class.getResourceAsStream("previous-release.properties")) {
      if (in == null) {
        throw new IllegalStateException("previous-release.properties is missing from testkit");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PreviousRelease(properties.getProperty("commit"), properties.getProperty("name"));
  }

  /**
   * The class path of this release's server node ({@code dev.raftpad.server.ServerNodeMain}),
   * building it first unless an earlier run did.
   *
   * @param repository the root of the git checkout that holds the commit
   * @param buildRoot where builds are kept (e.g. the module's {@code target/previous-release})
   * @throws IllegalStateException when the checkout does not hold the commit (a shallow clone),
   *     with the command that fetches it, or when the build fails, with the end of its log
   */
  public String serverClassPath(Path repository, Path buildRoot)
      throws IOException, InterruptedException {
    Path tree = buildRoot.resolve(commit).toAbsolutePath();
    Path classPathFile = tree.resolve("server-node/target/runtime-class-path.txt");
    if (!Files.exists(classPathFile)) {
      export(repository, tree);
      build(tree);
    }
    return serverJar(tree.resolve("server-node/target"))
        + java.io.File.pathSeparator
        + Files.readString(classPathFile).strip();
  }

  private static Path serverJar(Path target) throws IOException {
    try (var files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("server-node-[^/]*(?<!-tests)\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no server-node jar in " + target));
    }
  }

  /**
   * The root of the git checkout that holds {@code start} (a module directory, say), or empty when
   * it is not in one (a source archive).
   */
  public static java.util.Optional<Path> repositoryOf(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return java.util.Optional.of(dir);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether the git checkout at {@code repository} holds this release's commit. */
  public boolean isIn(Path repository) throws IOException, InterruptedException {
    return run(repository, List.of("git", "cat-file", "-e", commit + "^{commit}"), null) == 0;
  }

  private void export(Path repository, Path tree) throws IOException, InterruptedException {
    if (!isIn(repository)) {
      throw new IllegalStateException(
          "this checkout does not hold "
              + name
              + " ("
              + commit
              + "), the release the upgrade test starts from; fetch the history"
              + " (git fetch --unshallow) and run the test again");
    }
    deleteRecursively(tree);
    Files.createDirectories(tree);
    Path archive = tree.resolveSibling(commit + ".tar");
    Path log = tree.resolveSibling(commit + "-export.log");
    check(run(repository, List.of("git", "archive", "-o", archive.toString(), commit), log), log);
    check(run(tree, List.of("tar", "-xf", archive.toString()), log), log);
    Files.delete(archive);
  }

  private void build(Path tree) throws IOException, InterruptedException {
    Path log = tree.resolveSibling(commit + "-build.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "./mvnw",
                "-B",
                "-q",
                "-pl",
                "server-node",
                "-am",
                "package",
                "dependency:build-classpath",
                "-DskipTests",
                "-Dspotless.check.skip=true",
                "-Dmdep.includeScope=runtime",
                "-Dmdep.outputFile=target/runtime-class-path.txt"));
    // Offline first (the build under test has just resolved nearly the same dependencies), then
    // online for whatever the older release needs that this one does not.
    command.add(1, "-o");
    if (run(tree, command, log) != 0) {
      command.remove(1);
      check(run(tree, command, log), log);
    }
  }

  /** Runs {@code command} in {@code dir}, its output appended to {@code log} (or discarded). */
  private static int run(Path dir, List<String> command, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        log == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The outer build's wrapper settings must not steer the inner one to the outer project.
    builder.environment().keySet().removeIf(k -> k.startsWith("MAVEN_") && !k.equals("MAVEN_OPTS"));
    Process process = builder.start();
    if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("timed out after " + BUILD_MINUTES + " min: " + command);
    }
    return process.exitValue();
  }

  private void check(int exitCode, Path log) throws IOException {
    if (exitCode != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IllegalStateException(
          "building "
              + name
              + " failed (exit "
              + exitCode
              + "); the end of "
              + log
              + ":\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
