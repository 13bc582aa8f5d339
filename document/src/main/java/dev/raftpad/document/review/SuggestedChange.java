package dev.raftpad.document.review;

/**
 * One suggestion as the text shows it. A suggestion may both insert and delete (typing over a
 * selection in suggesting mode is one "replace" suggestion).
 *
 * @param id the suggestion id the characters carry
 * @param start the first code point carrying the id
 * @param end one past the last code point carrying it
 * @param inserted the text it proposes to insert, in document order
 * @param deleted the text it proposes to delete, in document order
 */
public record SuggestedChange(String id, int start, int end, String inserted, String deleted) {}
