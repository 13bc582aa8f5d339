package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.desktop.viewmodel.ClusterViewModel;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Members, roles, leader, term, lag, health; admin actions (disabled for non-admins). */
final class ClusterView {
  private ClusterView() {}

  static Parent build(ClusterViewModel model) {
    TableView<MemberStatus> table = new TableView<>(model.members());
    table.setId("members");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .setAll(
            java.util.List.of(
                column("Node", MemberStatus::nodeId),
                column("Address", MemberStatus::clientAddress),
                column("Role", m -> m.role().name().toLowerCase(java.util.Locale.ROOT)),
                column("Voter", m -> m.voter() ? "yes" : "learner"),
                column("Match index", m -> String.valueOf(m.matchIndex())),
                column("Lag", m -> String.valueOf(m.lag())),
                column("Health", ClusterViewModel::health)));
    Label summary = new Label();
    summary.setId("cluster-summary");
    summary.textProperty().bind(model.summaryProperty());
    Button refresh = new Button("Refresh");
    refresh.setId("refresh-cluster");
    refresh.setOnAction(e -> model.refresh());
    VBox top = new VBox(6, new HBox(8, summary, refresh));
    top.setPadding(new Insets(8));

    BorderPane pane = new BorderPane(table);
    pane.setId("cluster");
    pane.setTop(top);
    pane.setBottom(adminActions(model, table));
    return pane;
  }

  /** Add, remove, hand over leadership: enabled for admins, shown disabled to everyone else. */
  private static HBox adminActions(ClusterViewModel model, TableView<MemberStatus> table) {
    TextField nodeId = new TextField();
    nodeId.setPromptText("node id");
    TextField address = new TextField();
    address.setPromptText("host:port");
    Button add = new Button("Add node");
    add.setId("add-node");
    add.setOnAction(e -> model.addNode(nodeId.getText(), address.getText()));
    Button remove = new Button("Remove selected");
    remove.setId("remove-node");
    remove.setOnAction(e -> model.removeNode(table.getSelectionModel().getSelectedItem().nodeId()));
    Button transfer = new Button("Make selected leader");
    transfer.setId("transfer-leadership");
    transfer.setOnAction(
        e -> model.transferLeadership(table.getSelectionModel().getSelectedItem().nodeId()));
    HBox admin = new HBox(6, new Label("Admin:"), nodeId, address, add, remove, transfer);
    if (model.isAdmin()) {
      var none = table.getSelectionModel().selectedItemProperty().isNull();
      remove.disableProperty().bind(none);
      transfer.disableProperty().bind(none);
    } else {
      for (Node n : List.of(nodeId, address, add, remove, transfer)) {
        n.setDisable(true);
      }
      Label only = new Label(ClusterViewModel.ADMINS_ONLY);
      only.setId("admins-only");
      only.getStyleClass().add("text-muted");
      admin.getChildren().add(only);
    }
    for (Button b : List.of(add, remove, transfer)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    admin.setAlignment(Pos.CENTER_LEFT);
    admin.setPadding(new Insets(8));
    return admin;
  }

  private static TableColumn<MemberStatus, String> column(
      String title, Function<MemberStatus, String> value) {
    TableColumn<MemberStatus, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    return column;
  }
}
