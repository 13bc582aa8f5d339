package dev.raftpad.client.sdk.model;

/**
 * An account as others see it.
 *
 * @param color {@code "#rrggbb"}, for carets and presence badges
 */
public record User(String id, String username, String displayName, boolean admin, String color) {}
