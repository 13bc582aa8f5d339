package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.User;
import java.util.List;

/** A line of the document browser: a document and who has it open. */
public record DocumentRow(DocumentInfo info, List<User> people) {
  public DocumentRow {
    people = List.copyOf(people);
  }

  public String peopleText() {
    return String.join(", ", people.stream().map(Users::name).toList());
  }
}
