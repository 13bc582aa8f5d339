package dev.raftpad.tls;

/**
 * A certificate or key file that cannot be used: missing, unreadable, not PEM, readable by others,
 * a key that does not match its certificate, a certificate not from the trusted CA, or expired. The
 * message is one line an operator can act on; launchers print it without a stack trace.
 */
public final class BadTlsFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadTlsFileException(String message) {
    super(message);
  }

  public BadTlsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
