package com.comptoir.processor.dashboard;

/**
 * The Dashboard sign-in page: the e-mail as typed (never the password), the form's CSRF token, and
 * what went wrong, in words that do not say whether the e-mail or the password was at fault.
 */
public record SignInView(String email, String csrf, String error) {}
