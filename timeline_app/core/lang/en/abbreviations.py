"""Abbreviations whose full stop ends no sentence ("Col.", "U.S.", "Jan.", "p.m.").

Shared by the sentence splitter (a dot after one of these is not a boundary) and the tagger
(a time expression ending in one keeps its dot: "Sept.", "4 p.m.").
Lower case, without the final dot.
"""

from __future__ import annotations

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt sgt capt cmdr adm maj cpl pvt rev sen rep gov pres st sr jr
co corp inc ltd bros no vs etc al approx est dept univ assn ave blvd rd mt ft
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
u.s u.k u.n e.u a.m p.m i.e e.g d.c l.a n.y b.c b.c.e a.d
""".split())
