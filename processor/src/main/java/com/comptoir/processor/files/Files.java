package com.comptoir.processor.files;

import com.comptoir.processor.api.Authenticator;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * File objects ({@code file_}) for branding icons and logos, with their contents served from
 * {@code /files/{id}} so hosted pages need no external assets.
 */
public final class Files {
  private Files() {}

  /** Image purposes and the types Stripe takes for them; other purposes take documents too. */
  private static final java.util.Set<String> IMAGES = java.util.Set.of("image/png", "image/jpeg", "image/gif");

  public static void register(StripeApi api, JavalinConfig config, org.jdbi.v3.core.Jdbi jdbi) {
    api.post("/v1/files", Shape.object()
            .required("purpose", Shape.oneOf("business_icon", "business_logo", "customer_signature", "dispute_evidence",
                "identity_document", "pci_document", "tax_document_user_upload", "additional_verification"))
            .field("file_link_data", Shape.object().required("create", Shape.bool()).field("expires_at", Shape.integer())
                .field("metadata", Shape.metadata())),
        (r, h) -> upload(r, h));
    api.get("/v1/files/{id}", Shape.object(), (r, h) -> ResourceStore.findJson(h, r.caller().accountId(), r.pathParam("id"), "file")
        .or(() -> ResourceStore.findJson(h, r.caller().platformId(), r.pathParam("id"), "file"))
        .map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("file", r.pathParam("id"), "id")));
    config.routes.get("/files/{id}", ctx -> serveContents(ctx, jdbi));
  }

  /**
   * Purposes whose contents anyone may fetch without a key: branding images, which Stripe itself
   * shows on hosted pages (Checkout, onboarding, receipts) to anyone. Every other purpose (identity
   * documents, dispute evidence, signatures, ...) is downloadable on Stripe only with the owner's
   * secret key, as the File object's {@code url} says ("using your live secret API key").
   */
  static final java.util.Set<String> PUBLIC_PURPOSES = java.util.Set.of("business_icon", "business_logo");

  private record Contents(String owner, String purpose, String mime, byte[] bytes) {}

  /**
   * {@code GET /files/{id}}: a branding image is public and cacheable; anything else needs the
   * {@code Authorization} header (and {@code Stripe-Account}) of the account that owns it, or of its
   * platform, as {@code GET /v1/files/{id}} does. Without a valid key every id, existing or not,
   * answers the same 401, so the route cannot be used to learn which ids exist; with another
   * account's key it answers 404 {@code resource_missing}, as Stripe answers for a foreign object.
   */
  private static void serveContents(io.javalin.http.Context ctx, org.jdbi.v3.core.Jdbi jdbi) {
    String id = ctx.pathParam("id");
    try {
      jdbi.useHandle(h -> {
        Optional<Contents> found = h.createQuery("""
                SELECT r.owner, r.body->>'purpose', f.mime, f.content
                FROM file_contents f JOIN resources r ON r.id = f.id WHERE f.id = :id""")
            .bind("id", id)
            .map((rs, c) -> new Contents(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4))).findOne();
        ctx.header("X-Content-Type-Options", "nosniff");
        if (found.isPresent() && PUBLIC_PURPOSES.contains(found.get().purpose())) {
          ctx.header("Cache-Control", "public, max-age=86400");
          ctx.contentType(found.get().mime()).result(found.get().bytes());
          return;
        }
        // Private from here on: neither shared caches nor the browser's disk keep a copy.
        ctx.header("Cache-Control", "private, no-store");
        Caller caller = Authenticator.authenticate(h, ctx.header("Authorization"), ctx.header("Stripe-Account"));
        boolean mine = found.isPresent()
            && (found.get().owner().equals(caller.accountId()) || found.get().owner().equals(caller.platformId()));
        if (!mine) {
          throw StripeError.noSuch("file", id, "id");
        }
        ctx.contentType(found.get().mime()).result(found.get().bytes());
      });
    } catch (StripeError e) {
      ctx.status(e.status()).contentType("application/json").result(Json.write(e.toJson(null)));
    }
  }

  /**
   * {@code POST /v1/files} (multipart, as the SDKs send it to their files base): stores the file on
   * the caller's account. Branding images must be PNG, JPEG or GIF, as on Stripe; the type is read
   * from the bytes, not from what the client claims.
   */
  private static ObjectNode upload(com.comptoir.processor.api.ApiRequest r, Handle h) {
    com.comptoir.processor.api.ApiRequest.Upload file = r.uploads().get("file");
    if (file == null) {
      throw StripeError.missing("file");
    }
    String purpose = r.params().string("purpose");
    if (r.params().object("file_link_data") != null && Boolean.TRUE.equals(r.params().object("file_link_data").bool("create"))) {
      throw StripeError.invalid("file_link_data[create]", "File links are not supported by this processor; the file's url serves it.");
    }
    String id = store(h, r.caller().accountId(), purpose, file.filename(), file.content(), r.now());
    return ResourceStore.findJson(h, r.caller().accountId(), id, "file").map(Json::parseObject).orElseThrow();
  }

  /**
   * Stores {@code content} as a File of {@code owner} with {@code purpose}, as {@code POST /v1/files}
   * does (the Dashboard's branding upload comes through here too); returns its id. A branding image
   * that is not a PNG, JPEG or GIF, judged by its bytes, is refused with the API's
   * {@link StripeError} on {@code file}.
   */
  public static String store(Handle h, String owner, String purpose, String filename, byte[] content, long now) {
    if (content.length == 0) {
      throw StripeError.invalid("file", "The file is empty.");
    }
    String mime = sniff(content);
    if (purpose.startsWith("business_") && !IMAGES.contains(mime)) {
      throw StripeError.invalid("file", "The file for " + purpose + " must be a PNG, JPEG or GIF image.");
    }
    String type = switch (mime) {
      case "image/png" -> "png";
      case "image/jpeg" -> "jpg";
      case "image/gif" -> "gif";
      case "application/pdf" -> "pdf";
      default -> "file";
    };
    return create(h, owner, purpose, filename == null || filename.isBlank() ? "upload." + type : filename, mime, type, content, now);
  }

  private static String sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "image/png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "image/gif";
    }
    if (b.length >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
      return "application/pdf";
    }
    return "application/octet-stream";
  }

  /** A square SVG icon with the initial of {@code name} on {@code color}: a platform's default icon. */
  public static String createInitialIcon(Handle h, String owner, String name, String color, long now) {
    String initial = name.isBlank() ? "?" : name.substring(0, 1).toUpperCase();
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\" viewBox=\"0 0 128 128\">"
        + "<rect width=\"128\" height=\"128\" rx=\"24\" fill=\"" + color + "\"/>"
        + "<text x=\"64\" y=\"84\" font-family=\"sans-serif\" font-size=\"64\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">"
        + escape(initial) + "</text></svg>";
    return create(h, owner, "business_icon", "icon.svg", "image/svg+xml", "svg", svg.getBytes(StandardCharsets.UTF_8), now);
  }

  static String create(Handle h, String owner, String purpose, String filename, String mime, String type, byte[] content, long now) {
    String id = Ids.next("file_");
    h.createUpdate("INSERT INTO file_contents (id, mime, content) VALUES (:id, :mime, :content)")
        .bind("id", id).bind("mime", mime).bind("content", content).execute();
    ObjectNode file = Json.object();
    file.put("id", id);
    file.put("object", "file");
    file.put("created", now);
    file.putNull("expires_at");
    file.put("filename", filename);
    file.putNull("links");
    file.put("purpose", purpose);
    file.put("size", content.length);
    file.putNull("title");
    file.put("type", type);
    file.put("url", "/files/" + id);
    ResourceStore.insert(h, owner, file);
    return id;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
