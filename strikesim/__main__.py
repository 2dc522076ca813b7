"""``python -m strikesim``: the same as the ``strikesim`` command."""

from strikesim.cli import main

raise SystemExit(main())
