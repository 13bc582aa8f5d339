package dev.raftpad.llm.engine;

/**
 * A finished generation.
 *
 * @param text everything generated
 * @param reason why it ended
 * @param promptTokens tokens in the prompt (including the beginning-of-sequence token)
 * @param generatedTokens tokens generated (streamed pieces; a character split over several tokens
 *     counts once)
 * @param timeToFirstTokenMicros from the request to the first generated piece
 * @param totalMicros from the request to the end
 */
public record Completion(
    String text,
    FinishReason reason,
    int promptTokens,
    int generatedTokens,
    long timeToFirstTokenMicros,
    long totalMicros) {}
