from csplanner.cli import main

raise SystemExit(main())
