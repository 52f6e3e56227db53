package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Shape;
import java.util.List;
import java.util.Map;

/**
 * {@code external_account}: a token id ({@code btok_...}, {@code tok_...}) or a bank account hash.
 * Stripe's spec types it as a string, and its SDKs and docs send a hash too.
 */
final class ExternalAccountShape extends Shape.Custom {
  private static final Shape.ObjectShape BANK_ACCOUNT = AccountParams.bankAccount();

  @Override
  protected void collectUnknownParams(Object raw, String param, List<String> out) {
    if (raw instanceof Map<?, ?>) {
      collectUnknownOf(BANK_ACCOUNT, raw, param, out);
    }
  }

  @Override
  protected Object checkCustom(Object raw, String param) {
    if (raw instanceof String) {
      return checkWith(Shape.string(), raw, param);
    }
    return checkWith(BANK_ACCOUNT, raw, param);
  }
}
