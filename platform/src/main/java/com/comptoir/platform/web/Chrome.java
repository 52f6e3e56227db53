package com.comptoir.platform.web;

/**
 * What every page's frame needs: who is signed in (for the navigation and the sign-out form) and
 * the session's CSRF token for every form on the page.
 *
 * @param csrf the token each form posts back as {@code csrf}
 * @param signedInAs the merchant's or operator's e-mail, or null
 * @param area {@code merchant}, {@code operator} or {@code public}: which navigation to show
 * @param current the path of the page, to mark the current navigation entry
 */
public record Chrome(String csrf, String signedInAs, String area, String current) {
  public boolean merchant() {
    return "merchant".equals(area);
  }

  public boolean operator() {
    return "operator".equals(area);
  }

  /** {@code "page"} for the navigation entry of the current page, for {@code aria-current}. */
  public String currentIf(String path) {
    return current != null && (current.equals(path) || current.startsWith(path + "/")) ? "page" : null;
  }
}
