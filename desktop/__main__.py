"""`python -m desktop` opens the GUI."""

from desktop.views.app import main

raise SystemExit(main())
