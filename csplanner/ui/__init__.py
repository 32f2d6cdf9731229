"""The Qt user interface. Widgets call core services; they never build SQL or keep the only copy of data."""
