"""Write a folder of news articles on one story, in the mix a journalist drops in at once.

Plain text with agency datelines, Markdown, HTML pages with a published-time meta tag and
TimeML files, spread over a few weeks, with the sentence shapes that make labels hard:
trailing and leading attribution, datelines, leading adverbials, asides, quotes, captions,
and a few background sentences far in the past ("since 1989", "in 2005"). Used for the
timeline's screenshots and layout checks (issue 21); deterministic for a given seed.

    python benchmarks/story_articles.py OUT_DIR [--articles 39] [--seed 21]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from html import escape
from pathlib import Path

PLACES = ["BEIRUT", "AMMAN", "DAMASCUS", "GENEVA", "ISTANBUL", "BAGHDAD", "CAIRO", "WASHINGTON"]
AGENCIES = ["Reuters", "AP", "AFP"]
SITES = ["The Daily Star", "Jordan Times", "Al-Monitor", "Wikinews", "The National", "Middle East Eye"]
ACTORS = ["US-backed rebels", "Government forces", "The foreign minister", "Police", "The UN envoy",
          "Protesters", "The central bank", "The opposition coalition", "Aid agencies", "The prime minister",
          "Kurdish fighters", "The army", "Turkish troops", "The health ministry", "Local officials"]
DEEDS = ["seized the airport on the edge of the city", "announced a 48-hour ceasefire in the north",
         "shelled the northern suburbs of Aleppo", "evacuated 2,000 civilians from the old town",
         "opened talks with rebel commanders in Geneva", "closed the main border crossing with Turkey",
         "suspended all flights to the capital", "arrested a senior commander of the group",
         "released 40 prisoners as part of the deal", "pledged $200 million in emergency aid",
         "recaptured the ancient city of Palmyra", "blocked the road to the refinery",
         "reopened the bridge over the Euphrates", "rejected the United Nations peace plan",
         "signed an agreement to exchange prisoners", "cut off water supplies to the besieged district",
         "launched a major offensive against the militant group", "withdrew from the air base at Al Tanf",
         "delivered food to 30,000 people in Madaya", "declared victory over the militants in Fallujah"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SOURCES = ["two rebel sources said", "officials said", "a spokesman told Reuters", "state media reported",
           "the Syrian Observatory for Human Rights said", "according to local activists",
           "witnesses said", "a military source said"]
BACKGROUND = ["The group has controlled the town since 1989.", "The two sides last met for talks in 2005.",
              "The border has been closed since 2012, when the war spread to the north.",
              "The dam was built in the 1970s with Soviet help."]


def weekday_expression(day: date, dct: date) -> str:
    return "on " + DAY_NAMES[day.weekday()] if 0 < (dct - day).days < 7 else f"on {MONTHS[day.month - 1]} {day.day}"


def sentence(rng: random.Random, dct: date) -> str:
    actor, deed = rng.choice(ACTORS), rng.choice(DEEDS)
    day = dct - timedelta(days=rng.randint(0, 20))
    when = rng.choice([weekday_expression(day, dct), weekday_expression(day, dct), "last week", "this week",
                       "overnight", "earlier this month", f"on {MONTHS[day.month - 1]} {day.day}"])
    shape = rng.randrange(8)
    low = actor[0].lower() + actor[1:] if not actor.startswith(("US", "Kurdish", "Turkish", "Police")) else actor
    if shape == 0:
        return f"{actor} {deed} {when}, {rng.choice(SOURCES)}."
    if shape == 1:
        return f"A spokesman for the coalition said {low} had {deed} {when}."
    if shape == 2:
        return f"Meanwhile, {low} {deed} {when}."
    if shape == 3:
        return f"{actor}, who had been under pressure for weeks, {deed} {when}."
    if shape == 4:
        return f"“We {deed.split(' ', 1)[0]} {deed.split(' ', 1)[1]} {when},” the commander told reporters."
    if shape == 5:
        return f"In a statement {when}, {low} {deed}."
    if shape == 6:
        return f"This photo released {when} shows {low} after they {deed} (AP photo)."
    return f"{actor} {deed} {when} after days of heavy fighting, and the rebels retreated to the desert."


def article(i: int, rng: random.Random, start: date) -> tuple[str, str]:
    """(file name, content) of article ``i``."""
    dct = start + timedelta(days=rng.randint(0, 27))
    headline = f"{rng.choice(ACTORS)} {rng.choice(DEEDS).split(' in ')[0]}"
    body = [sentence(rng, dct) for _ in range(rng.randint(6, 12))]
    if rng.random() < 0.3:
        body.insert(rng.randrange(len(body)), rng.choice(BACKGROUND))
    fmt = ["txt", "txt", "md", "html", "tml"][i % 5]
    month = MONTHS[dct.month - 1]
    if fmt == "txt":
        place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
        lead = f"{place}, {month} {dct.day}, {dct.year} ({agency}) — {body[0]}"
        return f"story-{i:02d}.txt", "\n\n".join([headline, lead, *body[1:]]) + "\n"
    if fmt == "md":
        site = rng.choice(SITES)
        return f"story-{i:02d}.md", (f"# {headline}\n\n*{site}, published {month} {dct.day}, {dct.year}*\n\n"
                                     + "\n\n".join(body) + "\n")
    if fmt == "html":
        site = rng.choice(SITES)
        paragraphs = "\n".join(f"<p>{escape(s)}</p>" for s in body)
        return f"story-{i:02d}.html", (
            f"<!doctype html><html><head><title>{escape(headline)} | {escape(site)}</title>\n"
            f'<meta property="article:published_time" content="{dct.isoformat()}T09:00:00Z">\n'
            f'<meta property="og:site_name" content="{escape(site)}"></head>\n'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(headline)}</h1>\n"
            f"{paragraphs}\n</article><footer>Get top stories emailed to you each day.</footer></body></html>\n")
    docid = f"{110000 + i * 37}"
    text = "\n\n".join([headline, *body])
    return f"story-{i:02d}.tml", (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{docid}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n'
        f"<TEXT>{escape(text)}</TEXT>\n</TimeML>\n")


def write(folder: Path, n: int = 39, seed: int = 21) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, content = article(i, rng, date(2016, 6, 1))
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=39)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    paths = write(args.out, args.articles, args.seed)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
