"""``python -m briefing`` runs what the ``briefing`` command runs."""

from briefing.launcher import main

raise SystemExit(main())
