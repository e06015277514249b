# Writes a pair of rounds (rounds.py, rounds_b.py) as the JSON the comparison test reads:
# each workshop's notes in a fixed shuffle, listed with their area.
import json, os, random


def rows(round_, seed):
    """A round's workshops with their notes shuffled by `seed(workshop)`."""
    out = []
    for w in round_["workshops"]:
        notes = [(area, text) for area, texts in w["notes"].items() for text in texts]
        random.Random(seed(w)).shuffle(notes)
        out.append({**{k: w[k] for k in ("title", "sector", "held_on", "named")},
                    "notes": [{"text": t, "area": a} for a, t in notes]})
    return {"title": round_["title"], "workshops": out}


def write(file, areas, truth, last, this, seed):
    """Writes `file` next to this script and prints each round's note counts."""
    data = {"areas": areas, "truth": truth, "last": rows(last, seed), "this": rows(this, seed)}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), file), "w") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
    for key in ("last", "this"):
        counts = [len(w["notes"]) for w in data[key]["workshops"]]
        print(key, counts, sum(counts))
