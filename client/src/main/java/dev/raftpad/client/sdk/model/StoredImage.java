package dev.raftpad.client.sdk.model;

/**
 * An image of a document's store.
 *
 * @param id the SHA-256 of the bytes, 64 lowercase hex digits (what the text's image attribute
 *     holds)
 * @param mediaType "image/png", "image/jpeg" or "image/gif"
 * @param bytes the image file's bytes (the caller's copy)
 */
@SuppressWarnings("ArrayRecordComponent") // handed over to the caller, never compared or hashed
public record StoredImage(String id, String mediaType, byte[] bytes) {}
