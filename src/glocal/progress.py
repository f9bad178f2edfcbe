"""How long work tells its progress: a callback the caller passes in. Library code never prints.

``load``, ``KnowledgeGraph.add`` and ``validate`` take ``progress=``, a callable that is called
with the stage, the work done so far and the total (``None`` when it is not known): the bytes
read for ``"load"``, the checks run for ``"validate"``. The last call of a stage has
``done == total`` when the total is known. The ``glocal`` command draws the calls as a line on a
terminal, in the user's
language (:mod:`glocal.cli.progress`).

>>> seen = []
>>> import glocal
>>> kg = glocal.load(progress=lambda stage, done, total: seen.append((stage, done == total)))
>>> seen[0], seen[-1]
(('load', False), ('load', True))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

__all__ = ["ProgressCallback", "Stage"]

#: What the work is: reading files (bytes) or running validation checks (checks).
Stage = Literal["load", "validate"]
#: ``progress(stage, done, total)``.
ProgressCallback = Callable[[Stage, float, "float | None"], None]
