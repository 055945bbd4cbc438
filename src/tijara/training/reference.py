"""Check the shipped assessment and lessons (`training/data/*.toml`): every cited fact must exist.

Called by `tijara load_reference_data` after the knowledge pack; nothing is stored (the content is read from the
package), so this only validates and counts.
"""

from __future__ import annotations

from tijara.core.errors import NotFound, TijaraError
from tijara.training import content


def missing_facts() -> list[str]:
    from tijara.knowledge.selectors import fact_get

    missing = []
    for fact_id in sorted(content.all_fact_ids()):
        try:
            fact_get(fact_id=fact_id)
        except NotFound:
            missing.append(fact_id)
    return missing


def load(*, stdout=None, verbosity: int = 1) -> dict[str, int]:
    spec = content.assessment()
    missing = missing_facts()
    if missing:
        raise TijaraError("bad_pack", f"assessment.toml/lessons.toml: facts not in the knowledge base: {missing}")
    return {"question": len(spec.questions), "lesson": len(content.lessons())}
