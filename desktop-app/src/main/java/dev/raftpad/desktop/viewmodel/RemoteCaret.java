package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.op.Selection;

/** Another client's caret or selection, in code points of the local document. */
public record RemoteCaret(String clientId, User user, Selection selection) {}
