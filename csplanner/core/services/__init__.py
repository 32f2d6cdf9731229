"""Services: plain functions taking a Session. They validate, write and flush; the caller commits."""
