package dev.raftpad.testkit.trace;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Finds the editing traces committed with the tests ({@code src/test/resources/traces}, see its
 * README for sources and licences). Fails loudly when one is missing: trace tests never skip.
 */
final class TraceFiles {
  private TraceFiles() {}

  static Path file(String name) {
    String resource = "traces/" + name + ".json.gz";
    URL url = TraceFiles.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("trace " + resource + " is missing from the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("trace " + resource + " has no file path: " + url, e);
    }
  }
}
