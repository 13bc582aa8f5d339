package dev.raftpad.client.sdk.model;

import java.util.List;

/** A document's access now, and how it came to be (newest first; the newest 100 are kept). */
public record AccessOverview(DocumentAccess access, List<AccessChange> changes) {}
