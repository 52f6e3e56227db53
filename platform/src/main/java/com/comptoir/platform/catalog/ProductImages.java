package com.comptoir.platform.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jdbi.v3.core.Handle;

/**
 * Pictures of products, uploaded by the merchant: a PNG or JPEG up to 2 MB and 8000 pixels each
 * way, the type read from the file's first bytes, not its name. The platform serves each at
 * {@code /s/{slug}/products/{id}/image?v=<hash>} and gives that address to Stripe as the
 * Product's image: Stripe's {@code Product.images} are URLs that Stripe fetches, not uploaded
 * Files (Stripe's file purposes for uploads are branding and documents, not catalogues), and the
 * platform's public address is one Stripe already reaches for webhooks.
 */
public final class ProductImages {
  public static final int MAX_BYTES = 2 * 1024 * 1024;
  private static final int MAX_PIXELS = 8000;

  private ProductImages() {}

  /** A checked picture. */
  public record Image(byte[] bytes, String contentType, String sha256) {}

  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  public static Image check(byte[] bytes) throws Refused {
    if (bytes.length == 0) {
      throw new Refused("The image file is empty.");
    }
    if (bytes.length > MAX_BYTES) {
      throw new Refused("The image must be smaller than 2 MB.");
    }
    boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
    if (!png && !jpeg) {
      throw new Refused("The image must be a PNG or JPEG file.");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Refused("The image could not be read.");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) > MAX_PIXELS || reader.getHeight(0) > MAX_PIXELS) {
          throw new Refused("The image must be at most " + MAX_PIXELS + " pixels wide and high.");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new Refused("The image could not be read.");
    }
    try {
      String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      return new Image(bytes, png ? "image/png" : "image/jpeg", sha);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps {@code image} as the product's picture and points the product's image URL at it. */
  static void save(Handle h, long productId, Image image, String publicUrl, String storeSlug) {
    h.createUpdate("""
            INSERT INTO product_images (product_id, content_type, bytes, sha256) VALUES (:p, :type, :bytes, :sha)
            ON CONFLICT (product_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
                sha256 = excluded.sha256, updated_at = now()""")
        .bind("p", productId).bind("type", image.contentType()).bind("bytes", image.bytes()).bind("sha", image.sha256()).execute();
    String url = publicUrl + "/s/" + storeSlug + "/products/" + productId + "/image?v=" + image.sha256().substring(0, 12);
    h.createUpdate("UPDATE products SET image_url = :url WHERE id = :p").bind("url", url).bind("p", productId).execute();
  }

  /** The product's picture, if it has one of its own and belongs to {@code storeId}. */
  public static Optional<Image> of(Handle h, long storeId, long productId) {
    return h.createQuery("""
            SELECT i.bytes, i.content_type, i.sha256 FROM product_images i JOIN products p ON p.id = i.product_id
            WHERE i.product_id = :p AND p.store_id = :s""")
        .bind("p", productId).bind("s", storeId)
        .map((rs, c) -> new Image(rs.getBytes(1), rs.getString(2), rs.getString(3))).findOne();
  }
}
