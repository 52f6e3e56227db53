package com.comptoir.cli.demo;

import com.comptoir.cli.demo.DemoStores.Product;
import com.comptoir.cli.demo.DemoStores.Store;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** A merchant brands their store and adds its products with pictures, through the platform's forms. */
final class Catalog {
  private static final Pattern CURRENCY = Pattern.compile("<option value=\"(\\w+)\" selected");

  private Catalog() {}

  static void brandAndStock(URI platform, Person merchant, Store store) {
    Person.Page settings = merchant.get(platform.resolve("/store")).expect(200);
    Matcher currency = CURRENCY.matcher(settings.body());
    if (!currency.find()) {
      throw new DemoException("the store settings of " + store.name() + " show no currency: " + settings.excerpt());
    }
    Person.Page saved = merchant.postMultipart(platform.resolve("/store"), Map.of("name", store.name(), "slug", store.slug(),
        "brand_color", store.color(), "currency", currency.group(1)), "logo", "logo.png",
        picture(Color.decode(store.color()), initials(store.name())), "image/png");
    expectRedirect(saved, "saving the settings of " + store.name());
    for (Product product : store.products()) {
      merchant.get(platform.resolve("/products/new")).expect(200);
      Person.Page added = merchant.postMultipart(platform.resolve("/products"), Map.of("name", product.name(), "description",
          product.description(), "image_url", "", "price", product.price(), "action", "save"), "image",
          product.name().replace(' ', '-') + ".png", picture(product.color(), product.name().substring(0, 1)), "image/png");
      expectRedirect(added, "adding " + product.name() + " to " + store.name());
    }
  }

  private static void expectRedirect(Person.Page page, String what) {
    if (page.status() / 100 != 3) {
      throw new DemoException(what + " was refused: " + page.excerpt());
    }
  }

  private static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split(" ")) {
      if (!word.isEmpty() && Character.isUpperCase(word.charAt(0)) && out.length() < 2) {
        out.append(word.charAt(0));
      }
    }
    return out.toString();
  }

  /** A square picture in {@code color} with {@code letters} on it, standing in for a merchant's photo or logo. */
  static byte[] picture(Color color, String letters) {
    BufferedImage image = new BufferedImage(480, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, color.brighter(), 480, 480, color.darker()));
    g.fillRect(0, 0, 480, 480);
    g.setColor(new Color(255, 255, 255, 220));
    g.fillOval(90, 90, 300, 300);
    g.setColor(color.darker());
    g.setFont(new Font(Font.SERIF, Font.BOLD, 140));
    g.drawString(letters, 240 - g.getFontMetrics().stringWidth(letters) / 2, 290);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }
}
