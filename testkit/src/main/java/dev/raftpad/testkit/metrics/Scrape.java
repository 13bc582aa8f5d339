package dev.raftpad.testkit.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus endpoint over real HTTP, parsed from the text format (0.0.4): the
 * declared type of each metric family and every sample. Just enough of the format for tests.
 *
 * @param body the response as received
 * @param types metric family name -> type ({@code counter}, {@code gauge}, {@code histogram}, ...)
 * @param samples every sample line, in order
 */
public record Scrape(String body, Map<String, String> types, List<Sample> samples) {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: a series name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** GETs {@code http://127.0.0.1:port/metrics} and parses it; fails on anything but 200. */
  public static Scrape of(int port) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("scrape answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("scrape of port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Parses the text format. */
  public static Scrape parse(String body) {
    Map<String, String> types = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring("# TYPE ".length()).split(" ", -1);
        types.put(parts[0], parts[1]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
          throw new IllegalArgumentException("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (sample.group(2) != null) {
          Matcher label = LABEL.matcher(sample.group(2));
          while (label.find()) {
            labels.put(label.group(1), label.group(2));
          }
        }
        samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
      }
    }
    return new Scrape(body, types, samples);
  }

  /** Every series name that has a sample. */
  public Set<String> seriesNames() {
    Set<String> names = new TreeSet<>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  /**
   * The sum of the samples of series {@code name} whose labels include {@code labels} (pairs of
   * name and value); 0 when there are none.
   */
  public double sum(String name, String... labels) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && hasLabels(sample, labels)) {
        sum += sample.value();
      }
    }
    return sum;
  }

  /** The samples of series {@code name}. */
  public List<Sample> series(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).toList();
  }

  private static boolean hasLabels(Sample sample, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
