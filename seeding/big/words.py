"""Names and texts of the big alliance, and how children are spread over rows."""

FIRST = ["Anna", "Bram", "Chiara", "Dirk", "Elif", "Finn", "Greta", "Hugo", "Ines", "Jonas"]
FIRST += ["Katja", "Lars", "Mira", "Noah", "Olga", "Pieter", "Rosa", "Sven", "Tess", "Ugo"]
LAST = ["Jansen", "Müller", "Rossi", "Dubois", "Nowak", "Larsen", "Visser", "Schmidt"]
LAST += ["Garcia", "Costa", "Novak", "Berg", "Meyer", "Moreau", "Kowalski", "Lund"]
JOBS = ["Project officer", "Hydrologist", "Data engineer", "Policy adviser", "Ecologist"]
CITIES = ["Rotterdam", "Hamburg", "Antwerp", "Aarhus", "Gdańsk", "Bergen", "Lyon"]
FOLDER_NAMES = ["Minutes", "Reports", "Deliverables", "Contracts", "Data"]
DOC_WORDS = ["Annual", "Budget", "Sediment", "Water", "Quality", "Survey", "Pilot", "Risk"]
DOC_WORDS += ["Interim", "Final", "Draft", "Partner", "Field", "Model", "Audit", "Plan"]
STATUS_TEXTS = [
    "Uploaded the new sediment survey, comments welcome #survey",
    "Kick-off call went well, minutes are in the wiki.",
    "Who has the latest budget sheet? #budget",
    "Field trip to the estuary next Tuesday, room for two more.",
    "Draft deliverable D3.2 is ready for review #deliverables",
]
BLOG_BODY = (
    "## What we learnt\n\nThe pilot showed that shared monitoring saves a lot of "
    "duplicated work.\n\n- Fewer field trips\n- One data format\n\nMore in the next post.\n"
)


def spread(rng, rows, last_count, total):
    """How many children each of ``rows`` gets: the last one (the benchmark's own)
    ``last_count``, the others one each plus, at random, what it takes to reach ``total``."""
    counts = {row.pk: 1 for row in rows}
    counts[rows[-1].pk] = last_count
    for _ in range(max(0, total - sum(counts.values()))):
        counts[rng.choice(rows[:-1]).pk] += 1
    return counts
