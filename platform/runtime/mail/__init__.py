"""Emails to people, in their language: one catalog of texts, one HTML and one plain-text layout."""
