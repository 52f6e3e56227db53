package com.comptoir.processor.sandboxes;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A live sandbox as the API and the Dashboard show it: its platform account, newest keys, Dashboard
 * e-mail, and the colour and country it was made with.
 */
public record Sandbox(String id, String accountId, boolean isDefault, String name, long created, String secretKey,
    String publishableKey, String dashboardEmail, String primaryColor, String country) {

  static Sandbox of(ResultSet rs) throws SQLException {
    return new Sandbox(rs.getString("id"), rs.getString("account_id"), rs.getBoolean("is_default"), rs.getString("name"),
        rs.getLong("created"), rs.getString("secret_key"), rs.getString("publishable_key"), rs.getString("email"),
        rs.getString("primary_color"), rs.getString("country"));
  }
}
