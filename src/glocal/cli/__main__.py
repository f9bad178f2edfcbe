"""``python -m glocal.cli``: the ``glocal`` command."""

import sys

from glocal.cli import main

sys.exit(main())
