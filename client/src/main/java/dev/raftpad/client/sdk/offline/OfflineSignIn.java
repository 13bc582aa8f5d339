package dev.raftpad.client.sdk.offline;

import dev.raftpad.client.sdk.model.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What lets a user who signed in before open their offline copies while the cluster cannot be
 * reached: who they are, the session token the cluster gave them (the copies' edits are sent with
 * it once the cluster answers), and a salted PBKDF2 hash of their password, so that the password is
 * still asked for offline. Never the password itself. Kept in the user's {@link OfflineStore}.
 *
 * @param salt Base64
 * @param passwordHash Base64 of PBKDF2-HMAC-SHA256 of the password with {@code salt}
 */
public record OfflineSignIn(User user, String token, String salt, String passwordHash) {
  private static final int ITERATIONS = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The record of a successful sign-in with {@code password}. */
  public static OfflineSignIn of(User user, String token, String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return new OfflineSignIn(
        user, token, b64.encodeToString(salt), b64.encodeToString(hash(password, salt)));
  }

  /** Whether {@code password} is the one the user signed in with (in constant time). */
  public boolean matches(String password) {
    Base64.Decoder b64 = Base64.getDecoder();
    return MessageDigest.isEqual(b64.decode(passwordHash), hash(password, b64.decode(salt)));
  }

  private static byte[] hash(String password, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  /** Without the token or the hash: a record may end up in a log. */
  @Override
  public String toString() {
    return "OfflineSignIn[" + user.username() + "]";
  }

  byte[] encode() {
    Properties p = new Properties();
    p.setProperty("user.id", user.id());
    p.setProperty("user.username", user.username());
    p.setProperty("user.display_name", user.displayName());
    p.setProperty("user.admin", Boolean.toString(user.admin()));
    p.setProperty("user.color", user.color());
    p.setProperty("token", token);
    p.setProperty("salt", salt);
    p.setProperty("password_hash", passwordHash);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      p.store(out, "Raftpad offline sign-in; keep private");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  static OfflineSignIn decode(byte[] bytes) throws DamagedCopyException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)));
      return new OfflineSignIn(
          new User(
              required(p, "user.id"),
              required(p, "user.username"),
              required(p, "user.display_name"),
              Boolean.parseBoolean(required(p, "user.admin")),
              p.getProperty("user.color", "")),
          required(p, "token"),
          required(p, "salt"),
          required(p, "password_hash"));
    } catch (IOException | IllegalArgumentException e) {
      throw new DamagedCopyException("offline sign-in: " + e.getMessage());
    }
  }

  private static String required(Properties p, String key) throws DamagedCopyException {
    String value = p.getProperty(key);
    if (value == null) {
      throw new DamagedCopyException("offline sign-in: no " + key);
    }
    return value;
  }
}
