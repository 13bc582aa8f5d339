package dev.raftpad.desktop.viewmodel;

/**
 * A range of the text shown with a background: a commented range, or the active card's range.
 *
 * @param start first code point
 * @param end one past the last
 */
public record Highlight(int start, int end, boolean active) {}
