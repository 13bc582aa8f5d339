/**
 * The LLM node's Prometheus metrics ({@link dev.raftpad.llm.metrics.LlmMetrics}): the queue, the
 * slots, tokens and time to first token, served over HTTP on a port of its own. No label carries a
 * user, a document or a prompt: labels are task kinds and outcomes.
 */
package dev.raftpad.llm.metrics;
