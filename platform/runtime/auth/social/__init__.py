"""Sign-in, sign-up and account linking with Google and Facebook (docs/decisions/0011-social-sign-in.md)."""
