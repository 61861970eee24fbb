"""`make run`: embedded PostgreSQL and Redis under var/, migrations, bootstrap, processes."""
