/**
 * Comments and suggestions on the operation model (ADR 0012), as pure functions every replica and
 * every client runs alike: {@link Suggestions} reads the suggestion marks in a text, turns typing
 * into suggestions and computes the operation that accepts or rejects them; {@link CommentAnchor}
 * is the range a comment is attached to, moved through every operation.
 */
package dev.raftpad.document.review;
