"""The data core: tables, database, services. Never imports Qt."""
