import gc

# Start makes some 130,000 lasting objects (Qt, SQLAlchemy, the models); collecting them over and over
# while they are made costs a fifth of start. The app turns collection back on after its first
# paint, every other command as soon as its arguments are read (csplanner.cli.main).
gc.disable()

from csplanner.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
