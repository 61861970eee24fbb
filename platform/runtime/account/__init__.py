"""The signed-in user's own account: deleting it for good (operations, the background job, routes)."""
