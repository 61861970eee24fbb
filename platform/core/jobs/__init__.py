"""Background jobs with visible progress: version changes, imports, exports, deletions."""
