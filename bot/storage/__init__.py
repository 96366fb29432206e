"""SQLite storage: the database and migrations (db), how SQL runs (base), one module per table,
joined into one object in repository; typed rows in models."""
