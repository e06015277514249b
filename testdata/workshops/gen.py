import importlib.util, json, os, random, sys
# Typos the way participants write: applied to fixed notes, deterministic.
TYPOS = {
 "Behörigheter borde": "Behörigheter bode", "jobbar på plats hos kund": "jobbar på plats hos kund",
 "Ingen söker våra tjänster": "ingen söker våra tjänster", "Upphandlingen tar två år": "upphandlingen tar 2 år",
 "Medborgarna vet inte": "medborgarna vet inte", "Osäkert om amerikanska": "osäkert om amerikanska",
 "Journalsystemet är så segt": "journalsystemet är sååå segt", "Sjuksköterskebristen gör": "Sjuksköterske bristen gör",
 "Schemat kommer för sent": "schemat kommer för sent", "Leverantören har aldrig": "leverantören har aldrig",
 "Önskar dashboards": "önskar dashboards", "Hälften av chromebooksen": "hälften av chromebooksen",
 "Invånarna vill kunna": "invånarna vill kunna", "Säkerhetskopiorna har aldrig": "säkerhets kopiorna har aldrig",
 "Hemmasittare upptäcks": "hemmasittare upptäks", "Balanserna växer": "balanserna växer",
 "Återkraven blir aldrig": "återkraven blir aldrig", "Jag hinner aldrig ta rast": "jag hinner aldrig ta rast..",
 "Mer automatisering av": "mer automatisering av",
}
for path in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("w", path); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    rows = []
    for theme, needs in m.W.items():
        for need, notes in needs.items():
            for t in notes:
                for a, b in TYPOS.items():
                    t = t.replace(a, b)
                rows.append({"text": t, "label": need, "theme": theme, "need_name": need})
    random.Random(29).shuffle(rows)
    prefix = "".join(w[0] for w in m.NAME.split("_"))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{m.NAME}.jsonl"), "w") as f:
        for i, r in enumerate(rows):
            f.write(json.dumps({"id": f"{prefix}{i+1:03d}", **r}, ensure_ascii=False) + "\n")
    print(m.NAME, len(rows), "notes", sum(len(n) for n in m.W.values()), "needs", len(m.W), "themes")
