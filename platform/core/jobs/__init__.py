"""Background jobs with visible progress: migrations, imports, exports, deletions."""
