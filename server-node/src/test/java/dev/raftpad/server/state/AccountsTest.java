package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private final List<String> ended = new ArrayList<>();
  private final Accounts accounts = new Accounts(ended::add);

  private static RegisterUserCommand user(String id, String name) {
    return RegisterUserCommand.newBuilder()
        .setUserId(id)
        .setUsername(name)
        .setDisplayName(name)
        .setPasswordHash("$2a$10$" + name)
        .build();
  }

  private static CreateSessionCommand session(String id, String user, int hash, long expires) {
    return CreateSessionCommand.newBuilder()
        .setSessionId(id)
        .setUserId(user)
        .setTokenHash(ByteString.copyFrom(new byte[] {(byte) hash}))
        .setExpiresAtMillis(expires)
        .build();
  }

  @Test
  void theFirstAccountIsAdminAndNamesAreUnique() {
    assertThat(accounts.register(user("u1", "ada"))).isInstanceOf(CommandResult.Applied.class);
    assertThat(accounts.register(user("u2", "grace"))).isInstanceOf(CommandResult.Applied.class);

    assertThat(accounts.register(user("u3", "ada")))
        .isEqualTo(
            CommandResult.Refused.of(
                ErrorReason.ERROR_REASON_USERNAME_TAKEN, "username ada is taken"));
    assertThat(accounts.isAdmin("u1")).isTrue();
    assertThat(accounts.isAdmin("u2")).isFalse();
    assertThat(accounts.userByName("grace").getUserId()).isEqualTo("u2");
    assertThat(accounts.publicUser("u2").getUsername()).isEqualTo("grace");
    assertThat(accounts.publicUser("nobody").getUserId()).isEqualTo("nobody");
  }

  @Test
  void closedRegistrationAdmitsTheFirstAccountThenOnlyAdminRequests() {
    var closed = user("u1", "ada").toBuilder().setRegistrationClosed(true).build();
    assertThat(accounts.register(closed)).isInstanceOf(CommandResult.Applied.class);

    var second = user("u2", "grace").toBuilder().setRegistrationClosed(true).build();
    assertThat(accounts.register(second))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_REGISTRATION_CLOSED));
    assertThat(accounts.register(second.toBuilder().setRequestedByAdmin(true).build()))
        .isInstanceOf(CommandResult.Applied.class);
  }

  @Test
  void sessionsAreIndexedAndExpiredOnesEndWhenTheNextIsCreated() {
    accounts.register(user("u1", "ada"));
    assertThat(accounts.createSession(session("s0", "nobody", 0, 100), 1))
        .isInstanceOfSatisfying(
            CommandResult.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ErrorReason.ERROR_REASON_BAD_CREDENTIALS));
    accounts.createSession(session("s1", "u1", 1, 100), 1);
    assertThat(accounts.sessionIndex().find(new byte[] {1}, 50).sessionId()).isEqualTo("s1");

    accounts.createSession(session("s2", "u1", 2, 1_000), 100);

    assertThat(ended).containsExactly("s1");
    assertThat(accounts.sessionIndex().find(new byte[] {1}, 0)).isNull();
    assertThat(accounts.endSession("s2")).isEqualTo(new CommandResult.Applied<>("s2"));
    assertThat(accounts.endSession("s2"))
        .as("idempotent")
        .isEqualTo(new CommandResult.Applied<>("s2"));
    assertThat(ended).containsExactly("s1", "s2");
  }

  @Test
  void aRestoredPartIsTheSameAccountsWithTheSameIndex() {
    accounts.register(user("u1", "ada"));
    accounts.createSession(session("s1", "u1", 1, 100), 1);
    StateSnapshot.Builder snapshot = StateSnapshot.newBuilder();
    accounts.writeTo(snapshot);

    Accounts restored = new Accounts(ended::add);
    restored.restore(snapshot.build());

    StateSnapshot.Builder again = StateSnapshot.newBuilder();
    restored.writeTo(again);
    assertThat(again.build()).isEqualTo(snapshot.build());
    assertThat(restored.userByName("ada").getAdmin()).isTrue();
    assertThat(restored.sessionIndex().find(new byte[] {1}, 50).userId()).isEqualTo("u1");
  }
}
