"""A small DNA 3 corpus, coded so that every network over it can be worked out by hand.

Organisations Alpha, Beta, Gamma, Delta; concepts carbon tax, subsidy, emissions cap; persons Ann (Alpha),
Bob (Beta) and Pat (no organisation). Statements ([n-, n+] per organisation and concept):

    Alpha  carbon tax [0, 3] (two in document 1, one in 3)   subsidy [1, 0]          t = 4
    Beta   carbon tax [0, 1]  subsidy [0, 1]  emissions cap [1, 0]                     t = 3
    Gamma  carbon tax [1, 0]  subsidy [1, 0]                                           t = 2
    Delta  emissions cap [0, 1]                                                        t = 1

Dates: document 1 2020-01-06, 2 2020-01-08 (same ISO week), 3 2020-02-10, 4 2021-01-15. Also: Pat's
statement (no organisation), one NPF story element, one statement with an empty concept, a `reason`
long-text variable, an emoji before the first statement (UTF-16 offsets differ from code points).
"""

from __future__ import annotations

from pathlib import Path

from tests.dna.dnafile import AGREEMENT, CONCEPT, NARRATOR, ORGANIZATION, PERSON, DnaFile

REASON = 12
TAX, SUBSIDY, CAP = "carbon tax", "subsidy", "emissions cap"


def build_sample(path: Path) -> Path:
    f = DnaFile(path)
    f.sql("INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (12, 'reason', 'long text', 1)")
    f.entity(ORGANIZATION, "Alpha", Type="NGO", Alias="A.")
    f.entity(CONCEPT, TAX, Type="policy")
    f.entity(ORGANIZATION, "Unused Org")  # coded in DNA but in no statement: still imported

    def say(doc, span, org, concept, agree, person=None, **more):
        values = {f"v{AGREEMENT}": agree, f"v{CONCEPT}": concept, **more}
        if org is not None:
            values[f"v{ORGANIZATION}"] = org
        if person is not None:
            values[f"v{PERSON}"] = person
        return f.statement(doc, span, **values)

    d1 = f.document(
        "Tax debate",
        "\U0001f30d Climate desk. Alpha wants the tax. Alpha repeats: we want the tax. Alpha rejects the subsidy. "
        "Narrator speaks. Alpha says nothing useful.\n",
        "2020-01-06",
        Author="R. Porter",
        Source="Daily Planet",
        Section="Politics",
        Type="news",
    )
    say(d1, "Alpha wants the tax.", "Alpha", TAX, 1, "Ann", **{f"v{REASON}": "cost"})
    say(d1, "we want the tax.", "Alpha", TAX, 1, "Ann")
    say(d1, "Alpha rejects the subsidy.", "Alpha", SUBSIDY, 0)
    f.statement(d1, "Narrator speaks.", stype=2, **{f"v{NARRATOR}": "Alpha"})
    say(d1, "Alpha says nothing useful.", "Alpha", "", 1)
    d2 = f.document("Beta speaks", "Beta backs the tax. Beta likes the subsidy. Pat alone likes the tax.", "2020-01-08")
    say(d2, "Beta backs the tax.", "Beta", TAX, 1, "Bob")
    say(d2, "Beta likes the subsidy.", "Beta", SUBSIDY, 1)
    say(d2, "Pat alone likes the tax.", None, TAX, 1, "Pat")
    d3 = f.document("Gamma", "Gamma hates the tax. Gamma hates the subsidy. Alpha again wants the tax.", "2020-02-10")
    say(d3, "Gamma hates the tax.", "Gamma", TAX, 0)
    say(d3, "Gamma hates the subsidy.", "Gamma", SUBSIDY, 0)
    say(d3, "Alpha again wants the tax.", "Alpha", TAX, 1, "Ann")
    d4 = f.document("The cap", "Delta wants the cap. Beta fears the cap.", "2021-01-15")
    say(d4, "Delta wants the cap.", "Delta", CAP, 1)
    say(d4, "Beta fears the cap.", "Beta", CAP, 0)
    return f.close()
