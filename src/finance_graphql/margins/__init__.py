"""Margins: customer gross margin, the organization's default, campaign margins, bid shading,
and the history of finance-setting changes."""
