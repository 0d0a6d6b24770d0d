# ruff: noqa: E501  (the articles and their sentences are kept one paragraph a line)
"""Build our own English quotes gold, eval/quotes/own_en.jsonl, from the articles and
annotations written below (offsets are computed here, never typed by hand).

    .venv/bin/python eval/quotes/build_own.py          # writes own_en.jsonl, exit 1 on a problem

Each attribution names the sentence(s) it lives in (``at``, unique in the text) and its parts
as they appear there: ``content`` (one or more fragments, in order), ``source``, ``cue``.
A part is found as a whole word sequence inside ``at``; ``(part, n)`` takes its n-th
occurrence there (1-based). Conventions: README.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
Part = str | tuple[str, int]


def A(at: str, content: list[Part], source: Part | None, cue: Part, kind: str,
      speaker: str | None = None) -> dict[str, Any]:
    return {"at": at, "content": content, "source": source, "cue": cue, "kind": kind,
            "speaker": speaker}


ARTICLES: list[dict[str, Any]] = [
    {
        "date": "2025-03-11",
        "title": "Riverton closes Mill Street bridge after inspection finds cracks",
        "body": """Riverton closed the Mill Street bridge to all traffic on Tuesday after engineers found cracks in two of its steel supports.

“We are not going to take any chances with people's lives,” Mayor Ana Ruiz said at a news conference outside City Hall. “The bridge stays closed until we know it is safe.”

City engineer Paul Dressler said that the cracks were discovered during a routine inspection on Monday and that repairs could take up to six weeks.

According to the inspection report, the supports had last been replaced in 1998.

Local business owners were less patient. Maria Chen, who runs a bakery on the east side of the bridge, said the closure would cut her morning trade in half. “Nobody is going to drive twenty minutes around the river for a croissant,” she said.

The council will meet on Thursday to discuss a temporary pedestrian crossing, a spokesman for the council said.""",
        "quotes": [
            A("“We are not going to take any chances with people's lives,” Mayor Ana Ruiz said at a news conference outside City Hall. “The bridge stays closed until we know it is safe.”",
              ["“We are not going to take any chances with people's lives,”",
               "“The bridge stays closed until we know it is safe.”"],
              "Mayor Ana Ruiz", "said", "direct", "per:Ana Ruiz"),
            A("City engineer Paul Dressler said that the cracks were discovered during a routine inspection on Monday and that repairs could take up to six weeks.",
              ["that the cracks were discovered during a routine inspection on Monday and that repairs could take up to six weeks"],
              "City engineer Paul Dressler", "said", "reported", "per:Paul Dressler"),
            A("According to the inspection report, the supports had last been replaced in 1998.",
              ["the supports had last been replaced in 1998"],
              "the inspection report", "According to", "reported"),
            A("Maria Chen, who runs a bakery on the east side of the bridge, said the closure would cut her morning trade in half.",
              ["the closure would cut her morning trade in half"],
              "Maria Chen, who runs a bakery on the east side of the bridge", "said", "reported",
              "per:Maria Chen"),
            A("“Nobody is going to drive twenty minutes around the river for a croissant,” she said.",
              ["“Nobody is going to drive twenty minutes around the river for a croissant,”"],
              "she", "said", "direct", "per:Maria Chen"),
            A("The council will meet on Thursday to discuss a temporary pedestrian crossing, a spokesman for the council said.",
              ["The council will meet on Thursday to discuss a temporary pedestrian crossing"],
              "a spokesman for the council", "said", "reported"),
        ],
    },
    {
        "date": "2025-05-04",
        "title": "Northvale bus drivers vote to strike over pay",
        "body": """Bus drivers in Northvale will walk out for 48 hours next week after voting on Sunday to strike over wages and rest breaks, their union said.

Tom Okafor, the president of the Northvale Transit Workers Union, told reporters that 87 percent of members had backed the strike. “Our drivers have had one real raise in six years,” he said. “They are tired, and they are not asking for the moon.”

The transit authority called the vote “regrettable” and said it had offered a 4 percent increase over two years.

“The door is open,” said Lena Varga, the authority's chief executive. “We would rather talk than argue in the newspapers.”

Commuter groups warned that the walkout would hit shift workers and students hardest. The strike would begin on Wednesday unless a deal is reached, according to the union.""",
        "quotes": [
            A("Bus drivers in Northvale will walk out for 48 hours next week after voting on Sunday to strike over wages and rest breaks, their union said.",
              ["Bus drivers in Northvale will walk out for 48 hours next week after voting on Sunday to strike over wages and rest breaks"],
              "their union", "said", "reported", "org:Northvale Transit Workers Union"),
            A("Tom Okafor, the president of the Northvale Transit Workers Union, told reporters that 87 percent of members had backed the strike.",
              ["that 87 percent of members had backed the strike"],
              "Tom Okafor, the president of the Northvale Transit Workers Union", "told",
              "reported", "per:Tom Okafor"),
            A("“Our drivers have had one real raise in six years,” he said. “They are tired, and they are not asking for the moon.”",
              ["“Our drivers have had one real raise in six years,”",
               "“They are tired, and they are not asking for the moon.”"],
              "he", "said", "direct", "per:Tom Okafor"),
            A("The transit authority called the vote “regrettable”",
              ["the vote “regrettable”"],
              "The transit authority", "called", "mixed", "org:Northvale transit authority"),
            A("The transit authority called the vote “regrettable” and said it had offered a 4 percent increase over two years.",
              ["it had offered a 4 percent increase over two years"],
              "The transit authority", "said", "reported", "org:Northvale transit authority"),
            A("“The door is open,” said Lena Varga, the authority's chief executive. “We would rather talk than argue in the newspapers.”",
              ["“The door is open,”", "“We would rather talk than argue in the newspapers.”"],
              "Lena Varga, the authority's chief executive", "said", "direct", "per:Lena Varga"),
            A("Commuter groups warned that the walkout would hit shift workers and students hardest.",
              ["that the walkout would hit shift workers and students hardest"],
              "Commuter groups", "warned", "reported"),
            A("The strike would begin on Wednesday unless a deal is reached, according to the union.",
              ["The strike would begin on Wednesday unless a deal is reached"],
              "the union", "according to", "reported", "org:Northvale Transit Workers Union"),
        ],
    },
    {
        "date": "2025-01-24",
        "title": "Health ministry and doctors agree to cut waiting lists",
        "body": """The Ministry of Health and the national doctors' association have agreed to a two-year plan to cut hospital waiting lists, a joint statement said on Friday.

The plan would fund 1,200 extra operating sessions a month, the statement said, with the first money arriving in March.

Health Minister Sofia Lindqvist said the agreement was “the most important step for patients in a decade.” She added that regional hospitals would get priority.

The doctors' association was more cautious. Its chairman, Dr. Jonas Berg, said in an interview that the plan depended on hiring nurses who “simply do not exist yet.”

An audit published last month found that one in five patients waited more than a year for hip or knee surgery.""",
        "quotes": [
            A("The Ministry of Health and the national doctors' association have agreed to a two-year plan to cut hospital waiting lists, a joint statement said on Friday.",
              ["The Ministry of Health and the national doctors' association have agreed to a two-year plan to cut hospital waiting lists"],
              "a joint statement", "said", "reported"),
            A("The plan would fund 1,200 extra operating sessions a month, the statement said, with the first money arriving in March.",
              ["The plan would fund 1,200 extra operating sessions a month",
               "with the first money arriving in March"],
              "the statement", "said", "reported"),
            A("Health Minister Sofia Lindqvist said the agreement was “the most important step for patients in a decade.”",
              ["the agreement was “the most important step for patients in a decade.”"],
              "Health Minister Sofia Lindqvist", "said", "mixed", "per:Sofia Lindqvist"),
            A("She added that regional hospitals would get priority.",
              ["that regional hospitals would get priority"],
              "She", "added", "reported", "per:Sofia Lindqvist"),
            A("Its chairman, Dr. Jonas Berg, said in an interview that the plan depended on hiring nurses who “simply do not exist yet.”",
              ["that the plan depended on hiring nurses who “simply do not exist yet.”"],
              "Its chairman, Dr. Jonas Berg", "said", "mixed", "per:Jonas Berg"),
            A("An audit published last month found that one in five patients waited more than a year for hip or knee surgery.",
              ["that one in five patients waited more than a year for hip or knee surgery"],
              "An audit published last month", "found", "reported"),
        ],
    },
    {
        "date": "2024-10-19",
        "title": "Harbor City coach keeps faith after third straight defeat",
        "body": """Harbor City coach Marco Bellini insisted on Saturday that his team was “closer than the table suggests” after a 2-0 home defeat to Eastport, their third loss in a row.

“We created chances, we just didn't take them,” Bellini said. “If we keep playing like this, the goals will come.” Asked about his own future, he said he had the full backing of the owners.

Captain Dani Osei was blunter. “That was not good enough,” he told the club's website. “The fans deserve more.”

Eastport's manager, Ruth Adeyemi, said her players had “suffered together” for ninety minutes.

The club's board has no plans to replace Bellini, a person familiar with its thinking said.""",
        "quotes": [
            A("Harbor City coach Marco Bellini insisted on Saturday that his team was “closer than the table suggests”",
              ["that his team was “closer than the table suggests”"],
              "Harbor City coach Marco Bellini", "insisted", "mixed", "per:Marco Bellini"),
            A("“We created chances, we just didn't take them,” Bellini said. “If we keep playing like this, the goals will come.”",
              ["“We created chances, we just didn't take them,”",
               "“If we keep playing like this, the goals will come.”"],
              "Bellini", "said", "direct", "per:Marco Bellini"),
            A("Asked about his own future, he said he had the full backing of the owners.",
              ["he had the full backing of the owners"],
              ("he", 1), "said", "reported", "per:Marco Bellini"),
            A("“That was not good enough,” he told the club's website. “The fans deserve more.”",
              ["“That was not good enough,”", "“The fans deserve more.”"],
              "he", "told", "direct", "per:Dani Osei"),
            A("Eastport's manager, Ruth Adeyemi, said her players had “suffered together” for ninety minutes.",
              ["her players had “suffered together” for ninety minutes"],
              "Eastport's manager, Ruth Adeyemi", "said", "mixed", "per:Ruth Adeyemi"),
            A("The club's board has no plans to replace Bellini, a person familiar with its thinking said.",
              ["The club's board has no plans to replace Bellini"],
              "a person familiar with its thinking", "said", "reported"),
        ],
    },
    {
        "date": "2024-09-25",
        "title": "Kestrel Foods to cut 300 jobs as sales slow",
        "body": """Kestrel Foods will cut about 300 jobs at its packaging plants in the north, the company said in a statement on Wednesday, blaming weaker demand for its frozen meals.

The cuts amount to roughly 8 percent of the workforce, according to figures filed with the stock exchange.

Chief executive Hannah Moritz told analysts on a conference call that the company had “grown too fast” during the pandemic. “We built for a world that did not last,” she said.

A union representative at the Lowmoor plant, who asked not to be named, said workers had learned of the cuts from the news. Analysts at Brightwater Securities wrote in a note that the move was overdue.""",
        "quotes": [
            A("Kestrel Foods will cut about 300 jobs at its packaging plants in the north, the company said in a statement on Wednesday",
              ["Kestrel Foods will cut about 300 jobs at its packaging plants in the north"],
              "the company", "said", "reported", "org:Kestrel Foods"),
            A("The cuts amount to roughly 8 percent of the workforce, according to figures filed with the stock exchange.",
              ["The cuts amount to roughly 8 percent of the workforce"],
              "figures filed with the stock exchange", "according to", "reported"),
            A("Chief executive Hannah Moritz told analysts on a conference call that the company had “grown too fast” during the pandemic.",
              ["that the company had “grown too fast” during the pandemic"],
              "Chief executive Hannah Moritz", "told", "mixed", "per:Hannah Moritz"),
            A("“We built for a world that did not last,” she said.",
              ["“We built for a world that did not last,”"],
              "she", "said", "direct", "per:Hannah Moritz"),
            A("A union representative at the Lowmoor plant, who asked not to be named, said workers had learned of the cuts from the news.",
              ["workers had learned of the cuts from the news"],
              "A union representative at the Lowmoor plant, who asked not to be named", "said",
              "reported"),
            A("Analysts at Brightwater Securities wrote in a note that the move was overdue.",
              ["that the move was overdue"],
              "Analysts at Brightwater Securities", "wrote", "reported",
              "org:Brightwater Securities"),
        ],
    },
    {
        "date": "2024-11-18",
        "title": "Storm leaves 40,000 homes without power on the coast",
        "body": """About 40,000 homes along the southern coast were without electricity on Monday morning after a storm brought winds of up to 130 kilometres an hour, the grid operator said.

"Crews have been working through the night, but some lines will not be back before Wednesday," said Ilse Korver, a spokeswoman for Coastline Power.

The national weather service warned that a second, weaker storm could reach the area on Tuesday evening. It urged residents to stay away from the seafront.

In the fishing town of Velde, harbour master Pieter Smit said two boats had broken loose from their moorings. "I have not seen water this high in thirty years," he said.

No one was injured, police said.""",
        "quotes": [
            A("About 40,000 homes along the southern coast were without electricity on Monday morning after a storm brought winds of up to 130 kilometres an hour, the grid operator said.",
              ["About 40,000 homes along the southern coast were without electricity on Monday morning after a storm brought winds of up to 130 kilometres an hour"],
              "the grid operator", "said", "reported", "org:Coastline Power"),
            A('"Crews have been working through the night, but some lines will not be back before Wednesday," said Ilse Korver, a spokeswoman for Coastline Power.',
              ['"Crews have been working through the night, but some lines will not be back before Wednesday,"'],
              "Ilse Korver, a spokeswoman for Coastline Power", "said", "direct", "per:Ilse Korver"),
            A("The national weather service warned that a second, weaker storm could reach the area on Tuesday evening.",
              ["that a second, weaker storm could reach the area on Tuesday evening"],
              "The national weather service", "warned", "reported", "org:national weather service"),
            A("It urged residents to stay away from the seafront.",
              ["residents to stay away from the seafront"],
              "It", "urged", "reported", "org:national weather service"),
            A("harbour master Pieter Smit said two boats had broken loose from their moorings.",
              ["two boats had broken loose from their moorings"],
              "harbour master Pieter Smit", "said", "reported", "per:Pieter Smit"),
            A('"I have not seen water this high in thirty years," he said.',
              ['"I have not seen water this high in thirty years,"'],
              "he", "said", "direct", "per:Pieter Smit"),
            A("No one was injured, police said.",
              ["No one was injured"],
              "police", "said", "reported"),
        ],
    },
    {
        "date": "2025-06-12",
        "title": "City schools to ban phones in classrooms from September",
        "body": """Phones will be banned from classrooms in all 46 of Westbrook's public schools from September, the city's education board announced on Thursday.

According to board chair Emily Tran, teachers had asked for a single rule instead of a patchwork of school policies. Tran put it simply: “Phones stay in the bag during lessons.”

Not everyone agrees. “A ban treats every teenager as a problem,” said Jordan Pike, 17, a student representative on the board. He argued that schools should teach responsible use instead.

A survey by the Westbrook Teachers' Association found that 71 percent of its members supported a ban, the association said.""",
        "quotes": [
            A("Phones will be banned from classrooms in all 46 of Westbrook's public schools from September, the city's education board announced on Thursday.",
              ["Phones will be banned from classrooms in all 46 of Westbrook's public schools from September"],
              "the city's education board", "announced", "reported", "org:Westbrook education board"),
            A("According to board chair Emily Tran, teachers had asked for a single rule instead of a patchwork of school policies.",
              ["teachers had asked for a single rule instead of a patchwork of school policies"],
              "board chair Emily Tran", "According to", "reported", "per:Emily Tran"),
            A("Tran put it simply: “Phones stay in the bag during lessons.”",
              ["“Phones stay in the bag during lessons.”"],
              "Tran", "put it simply:", "direct", "per:Emily Tran"),
            A("“A ban treats every teenager as a problem,” said Jordan Pike, 17, a student representative on the board.",
              ["“A ban treats every teenager as a problem,”"],
              "Jordan Pike, 17, a student representative on the board", "said", "direct",
              "per:Jordan Pike"),
            A("He argued that schools should teach responsible use instead.",
              ["that schools should teach responsible use instead"],
              "He", "argued", "reported", "per:Jordan Pike"),
            A("A survey by the Westbrook Teachers' Association found that 71 percent of its members supported a ban, the association said.",
              ["that 71 percent of its members supported a ban"],
              "A survey by the Westbrook Teachers' Association", "found", "reported"),
            A("A survey by the Westbrook Teachers' Association found that 71 percent of its members supported a ban, the association said.",
              ["A survey by the Westbrook Teachers' Association found that 71 percent of its members supported a ban"],
              "the association", "said", "reported", "org:Westbrook Teachers' Association"),
        ],
    },
    {
        "date": "2025-02-18",
        "title": "Court blocks Lakeshore housing project over flood risk",
        "body": """A regional court on Tuesday halted construction of 600 homes on the Lakeshore flood plain, ruling that the developer had underestimated the risk of flooding.

The judges wrote that the environmental assessment “relied on rainfall data that is more than twenty years old.”

Greenway Developments said it would appeal. “This ruling puts hundreds of badly needed homes on hold,” the company's director, Victor Hale, said in a statement. “We are confident a higher court will see it differently.”

Residents who brought the case welcomed the decision. “We are not against housing. We are against building where the water goes,” said Aisha Rahman, one of the plaintiffs.

The project had been approved by the town council in 2022, court documents show.""",
        "quotes": [
            A("A regional court on Tuesday halted construction of 600 homes on the Lakeshore flood plain, ruling that the developer had underestimated the risk of flooding.",
              ["that the developer had underestimated the risk of flooding"],
              "A regional court", "ruling", "reported"),
            A("The judges wrote that the environmental assessment “relied on rainfall data that is more than twenty years old.”",
              ["that the environmental assessment “relied on rainfall data that is more than twenty years old.”"],
              "The judges", "wrote", "mixed"),
            A("Greenway Developments said it would appeal.",
              ["it would appeal"],
              "Greenway Developments", "said", "reported", "org:Greenway Developments"),
            A("“This ruling puts hundreds of badly needed homes on hold,” the company's director, Victor Hale, said in a statement. “We are confident a higher court will see it differently.”",
              ["“This ruling puts hundreds of badly needed homes on hold,”",
               "“We are confident a higher court will see it differently.”"],
              "the company's director, Victor Hale", "said", "direct", "per:Victor Hale"),
            A("“We are not against housing. We are against building where the water goes,” said Aisha Rahman, one of the plaintiffs.",
              ["“We are not against housing. We are against building where the water goes,”"],
              "Aisha Rahman, one of the plaintiffs", "said", "direct", "per:Aisha Rahman"),
            A("The project had been approved by the town council in 2022, court documents show.",
              ["The project had been approved by the town council in 2022"],
              "court documents", "show", "reported"),
        ],
    },
    {
        "date": "2024-10-06",
        "title": "Opposition demands recount in close Marden mayoral race",
        "body": """The opposition Civic Party said on Sunday that it would demand a recount in the Marden mayoral election, which its candidate lost by 212 votes.

“Too many ballots were rejected for small mistakes,” party leader Clara Novakova told a rally in the town square. “Every valid vote must be counted, and it has not been.”

The election commission said the count had been carried out correctly and that observers from all parties had been present. Its head, Martin Hruby, said a recount was possible only if a court ordered one.

The winning candidate, Peter Doyle, dismissed the complaint. He said he expected to take office on schedule, according to local radio.""",
        "quotes": [
            A("The opposition Civic Party said on Sunday that it would demand a recount in the Marden mayoral election, which its candidate lost by 212 votes.",
              ["that it would demand a recount in the Marden mayoral election, which its candidate lost by 212 votes"],
              "The opposition Civic Party", "said", "reported", "org:Civic Party"),
            A("“Too many ballots were rejected for small mistakes,” party leader Clara Novakova told a rally in the town square. “Every valid vote must be counted, and it has not been.”",
              ["“Too many ballots were rejected for small mistakes,”",
               "“Every valid vote must be counted, and it has not been.”"],
              "party leader Clara Novakova", "told", "direct", "per:Clara Novakova"),
            A("The election commission said the count had been carried out correctly and that observers from all parties had been present.",
              ["the count had been carried out correctly and that observers from all parties had been present"],
              "The election commission", "said", "reported", "org:Marden election commission"),
            A("Its head, Martin Hruby, said a recount was possible only if a court ordered one.",
              ["a recount was possible only if a court ordered one"],
              "Its head, Martin Hruby", "said", "reported", "per:Martin Hruby"),
            A("He said he expected to take office on schedule, according to local radio.",
              ["he expected to take office on schedule"],
              ("He", 1), "said", "reported", "per:Peter Doyle"),
            A("He said he expected to take office on schedule, according to local radio.",
              ["He said he expected to take office on schedule"],
              "local radio", "according to", "reported"),
        ],
    },
]


def _find(text: str, start: int, end: int, part: Part, where: str) -> dict[str, Any]:
    """The ``n``-th whole-word occurrence of ``part`` in ``text[start:end]``."""
    words, n = (part, 1) if isinstance(part, str) else part
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    hits = list(pattern.finditer(text, start, end))
    if len(hits) < n:
        raise ValueError(f"{where}: {words!r} not found {n} time(s) in its sentence")
    hit = hits[n - 1]
    return {"start": hit.start(), "end": hit.end(), "text": hit.group()}


def build() -> list[dict[str, Any]]:
    records = []
    for number, article in enumerate(ARTICLES, 1):
        text = f"{article['title']}\n\n{article['body']}"
        rid = f"own-en-{number:02d}"
        attributions = []
        for k, q in enumerate(article["quotes"], 1):
            where = f"{rid} E{k}"
            if text.count(q["at"]) != 1:
                raise ValueError(f"{where}: 'at' occurs {text.count(q['at'])} times")
            s = text.index(q["at"])
            e = s + len(q["at"])
            content, cursor = [], s
            for part in q["content"]:
                fragment = _find(text, cursor, e, part, where)
                content.append(fragment)
                cursor = fragment["end"]
            source = [[_find(text, s, e, q["source"], where)]] if q["source"] else []
            cue = [[_find(text, s, e, q["cue"], where)]]
            inside = {i for f in content for i in range(f["start"], f["end"])}
            for role in (source, cue):
                for span in role:
                    if inside & set(range(span[0]["start"], span[0]["end"])):
                        raise ValueError(f"{where}: {span[0]['text']!r} inside the content")
            row: dict[str, Any] = {"id": f"E{k}", "source": source, "cue": cue,
                                   "content": [content], "kind": q["kind"]}
            if q["speaker"]:
                row["speaker_entity"] = q["speaker"]
            attributions.append(row)
        records.append({
            "id": rid, "article_id": rid, "annotator": "tidings", "lang": "en",
            "split": "check" if number % 3 == 0 else "tune",
            "publication_date": article["date"], "title": article["title"], "text": text,
            "attributions": attributions,
        })
    return records


def main() -> int:
    try:
        records = build()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    for record in records:  # the schema's promise, checked on what is written
        for a in record["attributions"]:
            for role in ("source", "cue", "content"):
                for span in a[role]:
                    for f in span:
                        assert record["text"][f["start"]:f["end"]] == f["text"]
    with open(HERE / "own_en.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for record in records:
        for a in record["attributions"]:
            kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    quotes = sum(len(r["attributions"]) for r in records)
    print(f"own_en.jsonl: {len(records)} articles, {quotes} attributions, {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
