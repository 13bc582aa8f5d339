package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.model.AiEvent;
import java.util.concurrent.CompletableFuture;

/**
 * A running summarize or fix-grammar call.
 *
 * @param result completes with the final event, or exceptionally with a {@link RaftpadException}
 * @param cancel stops generation on the LLM node
 */
public record AiCall(CompletableFuture<AiEvent.Completed> result, Runnable cancel) {}
