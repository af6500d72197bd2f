"""Writing fixture files: JSON encoding rules shared by every fixture.

Rules (they are part of the fixture format the TypeScript tests read):
- NaN, +inf and -inf become the strings "NaN", "Infinity" and "-Infinity";
- floats are written with Python's shortest round-trip repr, so JSON.parse in
  JavaScript yields exactly the same double that Evidently saw or returned;
- one case per line, so a regenerated fixture diffs case by case.
"""

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

GENERATED_BY = "scripts/oracle/generate_fixtures.py"


def to_jsonable(value: Any) -> Any:
    """Convert numpy scalars/arrays and non-finite floats to plain JSON values."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return value


def _dumps(value: Any) -> str:
    # allow_nan=False guarantees no bare NaN/Infinity slipped through to_jsonable.
    return json.dumps(to_jsonable(value), allow_nan=False, ensure_ascii=False, separators=(",", ":"))


def write_fixture(path: Path, header: dict, cases: list) -> int:
    """Write `header` keys first, then `cases` one per line. Returns the file size in bytes."""
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"{json.dumps(key)}: {_dumps(value)},")
    lines.append('"cases": [')
    lines.append(",\n".join(_dumps(case) for case in cases))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # self-check: the file must be valid JSON
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
