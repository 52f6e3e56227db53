package com.comptoir.platform.stores;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an uploaded logo against what Stripe takes for account branding: a PNG or JPEG under
 * 512 KB, at least 128 pixels each way. The type comes from the file's first bytes, not from the
 * name or the browser's claim; only the image header is read to learn its size.
 */
final class Logos {
  static final int MAX_BYTES = 512 * 1024;
  static final int MIN_PIXELS = 128;
  private static final int MAX_PIXELS = 8000;

  private Logos() {}

  /** A checked logo. */
  record Checked(byte[] bytes, String contentType, String sha256) {}

  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  static Checked check(byte[] bytes) throws Refused {
    if (bytes.length == 0) {
      throw new Refused("The logo file is empty.");
    }
    if (bytes.length > MAX_BYTES) {
      throw new Refused("The logo must be smaller than 512 KB; this one is " + (bytes.length / 1024) + " KB.");
    }
    String type = isPng(bytes) ? "image/png" : isJpeg(bytes) ? "image/jpeg" : null;
    if (type == null) {
      throw new Refused("The logo must be a PNG or JPEG image.");
    }
    int[] size = dimensions(bytes);
    if (size[0] < MIN_PIXELS || size[1] < MIN_PIXELS) {
      throw new Refused("The logo must be at least " + MIN_PIXELS + " pixels wide and high; this one is " + size[0] + "×" + size[1] + ".");
    }
    if (size[0] > MAX_PIXELS || size[1] > MAX_PIXELS) {
      throw new Refused("The logo must be at most " + MAX_PIXELS + " pixels wide and high.");
    }
    return new Checked(bytes, type, sha256(bytes));
  }

  private static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  private static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
  }

  private static int[] dimensions(byte[] bytes) throws Refused {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Refused("The logo could not be read as an image.");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new Refused("The logo could not be read as an image.");
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
