/**
 * The node's Prometheus metrics: Raft, storage, gRPC, collaboration and JVM figures in one {@code
 * PrometheusRegistry} ({@link dev.raftpad.server.metrics.NodeMetrics}), served over HTTP on a port
 * of its own ({@link dev.raftpad.server.metrics.MetricsEndpoint}). No label carries a user, a
 * document or anything a user typed: labels are node ids, gRPC method names and codes, and the
 * names of enum values.
 */
package dev.raftpad.server.metrics;
