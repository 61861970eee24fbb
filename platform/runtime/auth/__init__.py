"""Sign-up, confirmation, sign-in and tokens, by Flask-Security-Too in SPA/JSON mode."""
