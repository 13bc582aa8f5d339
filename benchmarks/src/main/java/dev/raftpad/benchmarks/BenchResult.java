package dev.raftpad.benchmarks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run of a benchmark as one JSON line: {@code name}, the run's parameters in the order given,
 * then {@code ops_per_s}, {@code p50_ms}, {@code p99_ms}, {@code max_ms}, optional extra figures
 * (e.g. {@code remote_p50_ms}) and {@code load_avg_1m}. Build one with {@link #builder}.
 */
public final class BenchResult {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final Map<String, Object> fields;

  private BenchResult(Map<String, Object> fields) {
    this.fields = fields;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The fields in order (read-only view). */
  public Map<String, Object> fields() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  public double opsPerSecond() {
    return ((Number) fields.get("ops_per_s")).doubleValue();
  }

  public double p99Millis() {
    return ((Number) fields.get("p99_ms")).doubleValue();
  }

  /** The single JSON line (no newline). */
  public String toJson() {
    return GSON.toJson(fields);
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Fields in insertion order: name, parameters, figures, load average. */
  public static final class Builder {
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final String name;

    private Builder(String name) {
      this.name = name;
    }

    /** A parameter of the run (string, number or boolean). */
    public Builder param(String key, Object value) {
      parameters.put(key, value);
      return this;
    }

    /**
     * Throughput and latency: {@code ops_per_s} from {@code operations} over {@code seconds}, the
     * percentiles and maximum of {@code latencies} (recorded in nanoseconds).
     */
    public Builder latencies(long operations, double seconds, Histogram latencies) {
      figures.put("ops_per_s", round(operations / seconds, 1));
      figures.put("ops", operations);
      figures.put("p50_ms", Latencies.millis(latencies, 50));
      figures.put("p99_ms", Latencies.millis(latencies, 99));
      figures.put("max_ms", round(latencies.getMaxValue() / 1e6, 3));
      return this;
    }

    /** The percentiles of a remote latency: {@code remote_p50_ms}, {@code remote_p99_ms}. */
    public Builder remoteLatencies(Histogram remote) {
      figures.put("remote_p50_ms", Latencies.millis(remote, 50));
      figures.put("remote_p99_ms", Latencies.millis(remote, 99));
      return this;
    }

    /** Any other figure (e.g. an error count). */
    public Builder figure(String key, Object value) {
      figures.put(key, value instanceof Double d ? round(d, 3) : value);
      return this;
    }

    /** Completes the line with the load average measured now. */
    public BenchResult build() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", name);
      fields.putAll(parameters);
      fields.putAll(figures);
      fields.put("load_avg_1m", LoadAverage.oneMinute());
      return new BenchResult(fields);
    }
  }

  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
