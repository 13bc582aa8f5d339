package dev.raftpad.server.metrics;

/** Where metrics are served when the operator says nothing. */
public final class MetricsDefaults {
  /** How far above the gRPC port the default metrics port is: 7001 -> 8001. */
  public static final int PORT_OFFSET = 1000;

  private MetricsDefaults() {}

  /**
   * The default metrics port of a process whose gRPC port is {@code grpcPort}: a fixed offset, so
   * several nodes on one machine (the local cluster, tests) each get their own; port 0 stays 0.
   */
  public static int portBeside(int grpcPort) {
    if (grpcPort == 0) {
      return 0;
    }
    int port = grpcPort + PORT_OFFSET;
    return port <= 65_535 ? port : grpcPort - PORT_OFFSET;
  }
}
