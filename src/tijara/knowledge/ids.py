"""Fact IDs, the stable keys of the knowledge pack (the IDs of export-facts.md and pricing-facts.md): one pattern
for every reader that finds them in a text (the assistant's answers, the calculator's rule texts, the facts' own
texts), so what one page turns into a link to the fact another does not leave as an internal key.

The pack has three shapes of ID, and the loader refuses one of another shape:

- a series of a market or a topic and a two-digit number: `MA-CUS-01`, `AGR-EU-03`, `EU-GPSR-02`, `PRC-VAT-14`;
- the two series numbered alone, the sector figures and the programmes: `SEC-04`, `PRG-02`;
- a craft family's facts: `FAM-RUG`, and its generated import duties `FAM-RUG-DUTY`.

The last two are named, not left open, because codes of that form are common in the texts (`EAN-13`, `UPC-12`;
`USD-EUR`): a new series of those shapes is added here, and the loader says so. Codes of other kinds are not IDs
either: `HS-6`, `ISO-8601`, `UTF-8`, `EUR-1`, `COVID-19`, an agreement (`EU-MA`) or a duty code of the markets data
(`US-S232-WOOD`). An ID glued to more letters, digits or hyphens is part of a longer code and not read.
"""

import re

# No capturing group: callers build on it (a bracketed group of IDs, a run "PRC-VAT-14/15").
FACT_ID_PATTERN = (r"(?<![\w-])(?:[A-Z]{2,3}-[A-Z]{2,4}-\d{2}|(?:SEC|PRG)-\d{2}|FAM-[A-Z]{3}(?:-DUTY)?)(?![\w-])")
FACT_ID = re.compile(FACT_ID_PATTERN)


def is_fact_id(text: str) -> bool:
    return bool(FACT_ID.fullmatch(text or ""))
