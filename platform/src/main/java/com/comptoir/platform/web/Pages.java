package com.comptoir.platform.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Server-rendered pages: JTE templates compiled with the code (so a template error is a build
 * error), HTML-escaped by default, each page a record passed as the template's one parameter.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  public void render(Context ctx, String template, Object page) {
    render(ctx, 200, template, page);
  }

  public void render(Context ctx, int status, String template, Object page) {
    // A form re-shown because of bytes no keyboard types is a bad request, not a refused value.
    if (status == 422 && Boolean.TRUE.equals(ctx.attribute(FormBodies.HAD_NUL))) {
      status = 400;
    }
    StringOutput out = new StringOutput();
    engine.render(template, page, out);
    ctx.status(status).html(out.toString());
  }
}
