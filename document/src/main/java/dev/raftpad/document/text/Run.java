package dev.raftpad.document.text;

import dev.raftpad.document.op.Attributes;

/**
 * A stretch of a document's text with one formatting.
 *
 * @param text the text
 * @param attributes its formatting
 */
public record Run(String text, Attributes attributes) {}
