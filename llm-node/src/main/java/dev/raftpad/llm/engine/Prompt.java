package dev.raftpad.llm.engine;

/**
 * A prompt rendered through the model's chat template, with the context it occupies (measured once,
 * since rendering and tokenizing cost native calls).
 *
 * @param text the rendered prompt
 * @param tokens its tokens, including the beginning-of-sequence token
 */
public record Prompt(String text, int tokens) {}
