package com.comptoir.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Folders only their owner can enter and files only their owner can read: what holds the
 * database's password, its data (secret keys, webhook secrets, password hashes) and the binaries
 * it runs. A folder someone else owns is refused rather than used, since its owner could have put
 * their own {@code postgres} in it.
 */
final class PrivateFiles {
  static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PrivateFiles() {}

  /** Creates {@code folder} (and its missing parents) or takes it over, and leaves it 0700. */
  static Path folder(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(folder.getParent());
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another JVM of the same user created it first; checked below like any existing folder
      }
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(folder + " must be a folder (not a file or a link) to keep PostgreSQL's files in");
    }
    refuseIfNotOurs(folder);
    Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
    return folder;
  }

  /** Makes an existing file readable and writable by its owner only. */
  static void restrict(Path file) throws IOException {
    refuseIfNotOurs(file);
    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
  }

  /** Writes {@code text} to {@code file}, created 0600 before anything is in it. */
  static void write(Path file, String text) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    }
    restrict(file);
    Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** 24 random bytes, base64url: letters, digits, '-' and '_' only, so it never needs quoting. */
  static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void refuseIfNotOurs(Path path) throws IOException {
    UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
    String me = System.getProperty("user.name");
    if (!owner.getName().equals(me)) {
      throw new IOException(path + " belongs to " + owner.getName() + ", not to " + me + " who runs PostgreSQL; remove it or choose another folder");
    }
  }
}
