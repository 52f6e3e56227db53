package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.ConnectBranding.Branding;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Settings → Connect → Branding as typed: the business name, the colours, and the icon and logo
 * uploads, each checked the way Stripe's branding settings check them (a name, colours as
 * {@code #rrggbb}, images of at most {@link #MAX_IMAGE_BYTES} and at least 128 pixels a side, the
 * icon square), with a message per field. The image type itself is judged by the files feature.
 */
public final class BrandingForm {
  static final String NAME = "business_name";
  static final String PRIMARY = "primary_color";
  static final String SECONDARY = "secondary_color";
  static final String ICON = "icon";
  static final String LOGO = "logo";
  /** Stripe's branding settings: "less than 512kb in size, and equal to or greater than 128px by 128px". */
  static final int MAX_IMAGE_BYTES = 512 * 1024;
  static final int MIN_IMAGE_PIXELS = 128;

  /** An image chosen in the form, its bytes read. */
  record Image(String filename, byte[] content) {}

  final Map<String, String> typed = new LinkedHashMap<>();
  final Map<String, String> errors = new LinkedHashMap<>();
  Image icon;
  Image logo;
  boolean removeLogo;

  static BrandingForm of(Branding saved) {
    BrandingForm form = new BrandingForm();
    form.typed.put(NAME, saved.businessName() == null ? "" : saved.businessName());
    form.typed.put(PRIMARY, saved.primaryColor() == null ? "" : saved.primaryColor());
    form.typed.put(SECONDARY, saved.secondaryColor() == null ? "" : saved.secondaryColor());
    return form;
  }

  static BrandingForm read(Context ctx) {
    BrandingForm form = new BrandingForm();
    for (String field : new String[] {NAME, PRIMARY, SECONDARY}) {
      String v = ctx.formParam(field);
      form.typed.put(field, v == null ? "" : v.strip());
    }
    form.removeLogo = "on".equals(ctx.formParam("remove_logo"));
    form.icon = image(ctx.uploadedFile(ICON));
    form.logo = image(ctx.uploadedFile(LOGO));
    form.check();
    return form;
  }

  private static Image image(UploadedFile file) {
    if (file == null || (file.size() == 0 && (file.filename() == null || file.filename().isEmpty()))) {
      return null; // no file chosen: the saved one stays
    }
    // PostgreSQL cannot keep a NUL, which no browser sends in a file name but a hand-made request can
    String filename = file.filename() == null ? null : file.filename().replace("\0", "");
    return new Image(filename, file.contentAndClose(in -> {
      try {
        return in.readNBytes(MAX_IMAGE_BYTES + 1); // enough to know it is too big, never more
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }

  private void check() {
    String name = typed.get(NAME);
    if (name.isEmpty() || name.length() > 100) {
      errors.put(NAME, "Enter your business name, up to 100 characters: onboarding shows it to every new account.");
    }
    if (!typed.get(PRIMARY).matches("#[0-9a-fA-F]{6}")) {
      errors.put(PRIMARY, "Enter the brand colour as # and six hexadecimal digits, for example #3d5afe.");
    }
    if (!typed.get(SECONDARY).isEmpty() && !typed.get(SECONDARY).matches("#[0-9a-fA-F]{6}")) {
      errors.put(SECONDARY, "Enter the accent colour as # and six hexadecimal digits, for example #f6f8fa, or leave it empty.");
    }
    checkImage(ICON, icon, true);
    checkImage(LOGO, logo, false);
  }

  private void checkImage(String field, Image image, boolean square) {
    if (image == null) {
      return;
    }
    String what = ICON.equals(field) ? "The icon" : "The logo";
    if (image.content().length == 0) {
      errors.put(field, what + " file is empty. Choose a PNG, JPEG or GIF image.");
    } else if (image.content().length > MAX_IMAGE_BYTES) {
      errors.put(field, what + " is larger than 512 KB. Choose a smaller PNG, JPEG or GIF image.");
    } else {
      BufferedImage read = decode(image.content());
      if (read == null) {
        return; // not an image this JDK reads: the files feature says which types it takes
      }
      if (read.getWidth() < MIN_IMAGE_PIXELS || read.getHeight() < MIN_IMAGE_PIXELS) {
        errors.put(field, what + " is " + read.getWidth() + " × " + read.getHeight() + " pixels; it must be at least 128 × 128.");
      } else if (square && read.getWidth() != read.getHeight()) {
        errors.put(field, "The icon must be square; this one is " + read.getWidth() + " × " + read.getHeight() + " pixels.");
      }
    }
  }

  private static BufferedImage decode(byte[] content) {
    try {
      return ImageIO.read(new ByteArrayInputStream(content));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public String value(String field) {
    return typed.getOrDefault(field, "");
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public String error(String field) {
    return errors.get(field);
  }

  public java.util.Collection<String> messages() {
    return errors.values();
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The ids that describe a field: its hint, then its error when it has one. */
  public String describedBy(String field) {
    return field + "-hint" + (hasError(field) ? " " + field + "-error" : "");
  }
}
