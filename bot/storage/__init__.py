"""SQLite storage: connection and migrations (db), typed rows (models), all SQL (repository)."""
