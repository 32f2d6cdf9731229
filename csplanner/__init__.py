"""csplanner: an offline planner for customer success managers."""

__version__ = "0.1.0"
