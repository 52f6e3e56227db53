package com.comptoir.platform.merchants;

import com.comptoir.platform.stores.Countries;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Form;
import java.util.List;

/** The pages of signing up, logging in and resetting a password, each the one parameter of its template. */
public final class MerchantPages {
  private MerchantPages() {}

  public record SignupPage(Chrome chrome, Form form, List<Countries.Country> countries) {}

  /** @param next where to go after logging in (a path on this site), or null */
  public record LoginPage(Chrome chrome, Form form, String next, String notice) {}

  /** @param sent true once a link was asked for: the page then says to check the inbox */
  public record ForgotPage(Chrome chrome, Form form, boolean sent) {}

  /** @param valid false when the link is unknown, used or expired */
  public record ResetPage(Chrome chrome, Form form, String token, boolean valid) {}

  public record HomePage(Chrome chrome) {}
}
