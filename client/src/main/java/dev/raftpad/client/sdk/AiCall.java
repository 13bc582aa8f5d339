package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.model.AiEvent;
import java.util.concurrent.CompletableFuture;

/**
 * A running AI call (summarize, fix grammar, improve writing, ask).
 *
 * @param result completes with the final event, or exceptionally with a {@link RaftpadException}
 * @param cancel stops generation on the LLM node
 */
public record AiCall(CompletableFuture<AiEvent.Completed> result, Runnable cancel) {}
