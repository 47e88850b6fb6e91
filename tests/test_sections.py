"""Bibliography entries: where one entry ends and the next begins."""

from __future__ import annotations

import pytest

from loccit.linter.markdown.parse import normalise, parse_document


def entries(source: str) -> list[str]:
    doc = parse_document("essay.md", normalise(source))
    return [" ".join(entry.text.split()) for entry in doc.entries]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'Gouk, Penelope. "Magic." In *Prague*, edited by E. Fuc, 231–237.\nPrague: Castle Press, 1997.\n',
            ['Gouk, Penelope. "Magic." In *Prague*, edited by E. Fuc, 231–237. Prague: Castle Press, 1997.'],
        ),
        (
            "Bredekamp, Horst. *The Lure of Antiquity*.\nTranslated by Allison Brown. Princeton: Wiener, 1995.\n",
            ["Bredekamp, Horst. *The Lure of Antiquity*. Translated by Allison Brown. Princeton: Wiener, 1995."],
        ),
        (
            "Hendrix, Lee. *Mira*. Malibu: Getty, 1992.\n*Regiomontanus*. Translated by B. Hughes. Madison, 1967.\n",
            ["Hendrix, Lee. *Mira*. Malibu: Getty, 1992.", "*Regiomontanus*. Translated by B. Hughes. Madison, 1967."],
        ),
        (
            "1. Johnson, Jenell. *Lobotomy.* Michigan, 2014.\nLeffler, "
            "Melvyn P., and Odd Arne Westad. *Cold War*. 2010.\n",
            [
                "Johnson, Jenell. *Lobotomy.* Michigan, 2014.",
                "Leffler, Melvyn P., and Odd Arne Westad. *Cold War*. 2010.",
            ],
        ),
        (
            "- Evans, David. *Years of Russia*. London,\n  2001.\n- "
            "Figes, Orlando. *Revolutionary Russia*. London, 2014.\n",
            ["Evans, David. *Years of Russia*. London, 2001.", "Figes, Orlando. *Revolutionary Russia*. London, 2014."],
        ),
    ],
)
def test_entry_boundaries(body: str, expected: list[str]) -> None:
    assert entries("# Essay\n\nText.\n\n## Bibliography\n\n" + body) == expected
