package dev.raftpad.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reading and writing PEM files. A private key is written to a new file of mode 0600 (never briefly
 * readable by others) and refused on reading when group or others may read it, the same rule as a
 * data dir's files ({@code raft.storage.PrivateFiles}) and the cluster secret file. Keys may be
 * PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM; every failure is a {@link BadTlsFileException} naming the
 * file.
 */
public final class PemFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PemFiles() {}

  /** The certificates of a PEM file, in file order (a chain: leaf first); at least one. */
  public static List<X509Certificate> readCertificates(Path file, String what) {
    return certificates(parse(file, what), what + " " + file);
  }

  /** The certificates of PEM text; {@code what} names it in errors. */
  public static List<X509Certificate> parseCertificates(String pem, String what) {
    return certificates(parse(pem, what), what);
  }

  /** PEM bytes as text (PEM is ASCII). */
  public static String asString(byte[] pem) {
    return new String(pem, StandardCharsets.US_ASCII);
  }

  private static List<X509Certificate> certificates(List<Object> objects, String what) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : objects) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (CertificateException e) {
          throw new BadTlsFileException(what + " holds an unusable certificate", e);
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new BadTlsFileException(
          what + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The private key of a PEM file, which must be private to its owner (mode 0600 or 0400). */
  public static PrivateKey readPrivateKey(Path file, String what) {
    requirePrivate(file, what);
    for (Object object : parse(file, what)) {
      try {
        if (object instanceof PrivateKeyInfo info) {
          return new JcaPEMKeyConverter().getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          // SEC1 keys may omit the public key; only the private part is needed.
          return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
        }
      } catch (IOException e) {
        throw new BadTlsFileException(what + " " + file + " holds an unusable private key", e);
      }
    }
    throw new BadTlsFileException(
        what
            + " "
            + file
            + " holds no unencrypted private key (expected -----BEGIN PRIVATE KEY----- or"
            + " -----BEGIN EC/RSA PRIVATE KEY-----)");
  }

  /** The PEM text of certificates, leaf first. */
  public static byte[] encode(List<X509Certificate> certificates) {
    return pem(certificates.toArray());
  }

  /**
   * The PKCS#8 PEM text of a key: the one form gRPC's Netty TLS reads, whatever form the operator's
   * file had.
   */
  public static byte[] encode(PrivateKey key) {
    return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** Writes certificates to {@code file} (replacing it), readable by all: they are public. */
  public static void writeCertificates(Path file, List<X509Certificate> certificates)
      throws IOException {
    Files.write(file, encode(certificates));
  }

  /** Writes a key to a new file of mode 0600; an existing file is never overwritten. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    if (POSIX) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.write(file, encode(key), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  private static byte[] pem(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode PEM", e); // a StringWriter does not fail
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<Object> parse(Path file, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new BadTlsFileException(what + " " + file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new BadTlsFileException(what + " " + file + " cannot be read (permission denied)", e);
    } catch (IOException e) {
      throw new BadTlsFileException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    return parse(text, what + " " + file);
  }

  private static List<Object> parse(String text, String what) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new BadTlsFileException(what + " is not readable PEM", e);
    }
    return objects;
  }

  private static void requirePrivate(Path file, String what) {
    if (!POSIX || !Files.exists(file)) {
      return; // a missing file is reported by parse, with the same wording as a certificate's
    }
    try {
      Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
      if (modes.stream().anyMatch(PemFiles::isForOthers)) {
        throw new BadTlsFileException(
            what
                + " "
                + file
                + " can be read by other users (mode "
                + PosixFilePermissions.toString(modes)
                + "); run: chmod 600 "
                + file);
      }
    } catch (IOException e) {
      throw new BadTlsFileException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isForOthers(PosixFilePermission mode) {
    return switch (mode) {
      case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> false;
      default -> true;
    };
  }
}
