"""The glossary behind the help key (F1): every term the screens use, in plain words.

Each screen names its help topic (``Screen.help_topic``); :data:`TOPICS` lists the terms
that topic explains, first those on that screen, and :func:`help_text` writes them as a
Markdown-lite page for :class:`~strikesim.ui.screens.help.HelpScreen`.
"""

from __future__ import annotations

TERMS: dict[str, str] = {
    "Package": "A full contract proposal: one choice for every issue on the table.",
    "Your draft": "The package you are building on the table. Nothing happens to it until "
    "you send it as a counter-offer.",
    "Their offer": "The other side's package on the table now. Under each issue it is "
    "written in words; a coloured bar or triangle marks it on the control.",
    "Old contract": "What applies if no new contract is ever signed (grey triangle or bar).",
    "Utility": "How good a package is for a side, from 0 (its worst acceptable terms) to 1 "
    "(everything it wants), weighing each issue by how much that side cares about it.",
    "Counter-offer": "Send your draft as your new package. The other side answers next week.",
    "Accept": "Agree to the other side's package. It becomes a tentative deal and the union's "
    "members vote on it (ratification). The game asks first and shows the forecast vote.",
    "Both accept at once": "If both sides accept each other's offer in the same week, a fair "
    "coin decides whose offer becomes the tentative deal; the news says which. Neither side "
    "is favoured.",
    "Arbitration": "If the last week passes with no deal, an arbitrator imposes one of the two "
    "standing offers: the more reasonable one (the larger product of the two sides' values). "
    "Extreme final offers lose, and an imposed award costs both sides.",
    "Hold": "Keep your package on the table and let a week pass.",
    "Hold until news": "Hold week after week until something happens: news, an offer, a "
    "vote or a new phase. Stops after 26 quiet weeks at most.",
    "Walk out": "Leave the table: talks are suspended for a few weeks and nobody can make or "
    "accept offers meanwhile. It is pressure, and it costs goodwill.",
    "Pressure": "Actions taken alongside your move (pickets, campaigns, stockpiles …). Each "
    "has costs and effects on the variables, listed on the pressure screen.",
    "Preview": "A forecast of the other side's answer and of the next weeks, from 200 "
    "simulated continuations of the game with your draft on the table.",
    "Median and 10–90 %": "The line is the middle outcome of the simulations; the shaded band "
    "holds 80 % of them (from the 10th to the 90th percentile).",
    "Ratification": "The union members' vote on a tentative deal. Members back a deal their "
    "leaders bring home unless it falls well short of what they expect. If it fails, the "
    "leaders lose standing and the next deal must give the members more.",
    "Members' forecast": "How the members would vote on a package if they voted today: it "
    "depends on how the package compares with what they expect.",
    "Member expectation": "What the members believe a fair deal is worth to them. It fades "
    "the longer a strike lasts.",
    "Authorization vote": "The members' vote allowing the union to call a strike.",
    "Strike fund": "The union's money for strike pay. When it runs out and hardship is "
    "high, the union gives in. The table warns when it is running low.",
    "Studio cash": "The studios' money. When it runs out, the studios give in.",
    "Solidarity": "How united the members are. Low solidarity weakens the strike.",
    "Runway": "How many weeks the money lasts at the rate it fell over the last four weeks.",
    "What drove": "Why a variable changed: the events and actions aimed at it and its own "
    "weekly rule (the other variables it reads), largest first, adding up to the change.",
    "Pareto frontier": "The packages that cannot be improved for one side without making "
    "them worse for the other. A deal on the frontier leaves nothing on the table.",
    "Nash point": "The Nash bargaining solution: the package on the frontier that "
    "maximises the product of both sides' gains over walking away.",
    "KS point": "The Kalai–Smorodinsky solution: the frontier package where both sides get "
    "the same share of the most they could hope for.",
    "Walk-away point": "What each side would have had with no deal, given what the dispute "
    "actually cost it: the arbitrator's award between the last offers (the old contract if "
    "there were none) less its dispute cost and the cost of an imposed award. The Nash and "
    "KS points are measured from it.",
    "Opening": "A side's first package.",
    "Concession": "A new package that gives up value to the other side.",
    "Silent move": "A new package that changes nothing in value for either side.",
    "Selfish move": "A new package better for the mover but not for the other side.",
    "Nice move": "A new package better for the other side at no cost to the mover.",
    "Fortunate move": "A new package better for both sides.",
    "Unfortunate move": "A new package worse for the other side without gaining anything.",
    "Score": "How well you met your side's objectives, 0 to 100: the weighted average of "
    "each objective's credit (full at its target, none at its floor, in proportion between).",
    "Goals": "Your objectives with where you stand this week (G on the table or dashboard): "
    "the score if their offer, your draft or no deal were settled now.",
    "Target and floor": "An objective's target earns full credit; its floor earns none; a "
    "value between earns credit in proportion. Without a floor it is met or not.",
    "Result": "The contract's value to you (0 to 1) minus what the dispute cost you, in the "
    "same units; the debrief also shows the cost in money.",
    "Dispute cost": "What the dispute has cost your side so far: members' lost pay and "
    "hardship for a union, stopped production, lost subscribers and cash for the studios.",
    "Projection": "The industry in the ten years after the deal, simulated from its terms, "
    "next to no deal, the Nash deal and the same deal without AI guardrails.",
    "Seed": "The number that fixes the game's luck: the same seed and moves give the same game.",
    "Hot seat": "Two players at one computer; a hand-over screen hides each side's numbers.",
    "Class folder": "A folder (a shared drive works) that receives every finished game's "
    "record; Classroom → Class report reads them all into one page.",
    "Record a deal": "For classes that bargain face to face: enter the package two teams "
    "agreed, and the game scores it, shows the members' vote, the projection and the debrief.",
    "Answer key": "For the teacher: the frontier, the Nash and KS packages, the zone of "
    "agreement and the real deal, computed for each scenario.",
    "Text size": "Settings → Text and interface size (or Ctrl+= and Ctrl+−). Every screen "
    "reflows up to 175 %, scrolling where it must.",
}

KEYS = (
    "Keys: Tab moves between controls, Enter or Space presses, arrows adjust or scroll, "
    "PageUp/PageDown/Home/End scroll, Esc goes back, F1 shows this page."
)
_GAME = ["Package", "Utility", "Strike fund", "Studio cash", "Solidarity", "Runway"]
TOPICS: dict[str, list[str]] = {
    "general": ["Package", "Utility", "Seed", "Hot seat", "Text size"],
    "scenario": ["Package", "Seed", "Hot seat"],
    "side": ["Seed", "Hot seat", "Utility"],
    "briefing": [
        "Package", "Utility", "Score", "Result", "Target and floor", "Old contract",
        "Ratification", "Authorization vote",
    ],
    "table": [
        "Your draft", "Their offer", "Old contract", "Utility", "Counter-offer", "Accept",
        "Hold", "Hold until news", "Walk out", "Preview", "Median and 10–90 %",
        "Members' forecast", "Runway", "Pressure", "Goals", "Both accept at once",
        "Arbitration",
    ],
    "pressure": ["Pressure", "Strike fund", "Studio cash", "Solidarity", "Walk out"],
    "news": ["Authorization vote", "Ratification", "Walk out"],
    "dashboard": ["What drove", "Strike fund", "Studio cash", "Solidarity", "Runway", "Goals"],
    "goals": ["Goals", "Score", "Target and floor", "Result", "Dispute cost", "Their offer"],
    "deal": ["Ratification", "Members' forecast", "Member expectation", "Utility"],
    "projection": ["Projection", "Median and 10–90 %", "Nash point"],
    "debrief": [
        "Score", "Result", "Dispute cost", "Target and floor", "Utility", "Pareto frontier",
        "Nash point", "KS point", "Walk-away point",
        "Opening", "Concession", "Silent move", "Selfish move", "Nice move",
        "Fortunate move", "Unfortunate move", "What drove",
    ],
    "settings": ["Text size", "Accept", "Walk out"],
    "classroom": ["Class folder", "Record a deal", "Answer key", "Hot seat", "Seed"],
}  # fmt: skip
for _terms in TOPICS.values():
    _terms += [t for t in _GAME if t not in _terms and t in TERMS and len(_terms) < 8]


def help_text(topic: str) -> str:
    """The topic's terms first, then every other term, as a Markdown-lite page."""
    first = [t for t in TOPICS.get(topic, TOPICS["general"]) if t in TERMS]
    rest = sorted(t for t in TERMS if t not in first)
    lines = ["## On this screen", ""]
    lines += [f"**{t}**: {TERMS[t]}\n" for t in first]
    lines += ["## Every other term", ""]
    lines += [f"**{t}**: {TERMS[t]}\n" for t in rest]
    lines += ["", KEYS]
    return "\n".join(lines)
