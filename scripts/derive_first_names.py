"""Derive lexicons/first_names.tsv (first name -> usual gender) from nomquamgender's data.

nomquamgender (Ian Van Buskirk, MIT licence, https://github.com/ianvanbuskirk/nomquamgender)
ships name_data.json: for each name, [sources, count, p(female), ...] pooled from national
name registers of many countries. We keep names seen at least MIN_COUNT times whose p(female)
is clearly one-sided, so that "she" can find "Louise Turpin" and "he" can find "Recep
Erdogan" when no honorific says so. Run:

    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg && unzip -o /tmp/nqg/*.whl -d /tmp/nqg
    python scripts/derive_first_names.py /tmp/nqg/nomquamgender/name_data.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MIN_COUNT = 300
ONE_SIDED = 0.1  # p(female) <= 0.1 is male, >= 0.9 female; between is left out
OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "lexicons" / "first_names.tsv"
HEADER = """# name\tgender
# First names and their usual gender (m|f), derived by scripts/derive_first_names.py from
# nomquamgender 0.1.4 (c) 2022 Ian Van Buskirk, MIT licence: names seen at least {count} times
# in its pooled national registers, with p(female) <= {low} (m) or >= {high} (f).
# Used only to agree pronouns with people ("she" -> a woman); a user lexicon may override a row.
"""


def derive(data: dict[str, list]) -> list[tuple[str, str]]:
    rows = []
    for name, values in data.items():
        count, p_female = values[1], values[2]
        if count < MIN_COUNT or not re.fullmatch(r"[^\W\d_]{2,}", name):
            continue
        if p_female <= ONE_SIDED:
            rows.append((name, "m"))
        elif p_female >= 1 - ONE_SIDED:
            rows.append((name, "f"))
    return sorted(rows)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    rows = derive(data)
    header = HEADER.format(count=MIN_COUNT, low=ONE_SIDED, high=round(1 - ONE_SIDED, 2))
    OUT.write_text(header + "".join(f"{n}\t{g}\n" for n, g in rows), encoding="utf-8")
    print(f"wrote {len(rows)} names to {OUT}")


if __name__ == "__main__":
    main()
