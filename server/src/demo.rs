//! Demo rounds with Swedish notes, seeded on first start so a newcomer sees something: this
//! year's round with three workshops, and last year's round it is compared with.

use app::model::ids::{NoteId, RoundId};
use app::model::{JoinCode, NewWorkshop, ParticipantProfile};
use jiff::civil::Date;
use uuid::Uuid;

use crate::store::{Store, StoreError};

struct DemoWorkshop {
    title: &'static str,
    sector: &'static str,
    held_on: Date,
    prompts: &'static [&'static str],
    /// (name, organisation, note)
    notes: &'static [(&'static str, &'static str, &'static str)],
}

const WORKSHOPS: &[DemoWorkshop] = &[
    DemoWorkshop {
        title: "Vård och omsorg",
        sector: "Hälsa, vård och omsorg",
        held_on: Date::constant(2026, 3, 10),
        prompts: &["Vilka digitala behov har er verksamhet?", "Vad hindrar informationsutbytet i dag?"],
        notes: &[
            ("Anna", "Region Uppsala", "Journaldata behöver kunna delas mellan regioner och kommuner"),
            ("Björn", "Socialstyrelsen", "Gemensam informationsförsörjning för vård och omsorg"),
            ("", "Vårdförbundet", "Dubbeldokumentation tar tid från patienterna"),
            ("Cecilia", "Härryda kommun", "Säker digital kommunikation med anhöriga"),
            ("Anna", "Region Uppsala", "Behörighetsstyrning som fungerar över organisationsgränser"),
            ("", "", "E-legitimation för personal som saknar svenskt personnummer"),
            ("David", "E-hälsomyndigheten", "Gemensamma begrepp och terminologi i journalen"),
            ("Björn", "Socialstyrelsen", "Informationsutbyte mellan kommun och region vid utskrivning"),
        ],
    },
    DemoWorkshop {
        title: "Skola och utbildning",
        sector: "Utbildning",
        held_on: Date::constant(2026, 3, 17),
        prompts: &["Vilka digitala tjänster saknas för elever och lärare?"],
        notes: &[
            ("Eva", "Skolverket", "Enklare inloggning för elever i alla digitala läromedel"),
            ("Fredrik", "Göteborgs stad", "Betygsdata ska kunna flytta med eleven mellan skolor"),
            ("", "Lärarförbundet", "Mindre administration i lärplattformen"),
            ("Eva", "Skolverket", "Digitala nationella prov som fungerar offline"),
            (
                "Gunilla",
                "Specialpedagogiska skolmyndigheten",
                "Tillgängliga läromedel för elever med funktionsnedsättning",
            ),
            ("", "", "Gemensam elevidentitet mellan kommunala och fristående skolor"),
        ],
    },
    DemoWorkshop {
        title: "Samhällsbyggnad",
        sector: "Samhällsbyggnad",
        held_on: Date::constant(2026, 3, 24),
        prompts: &["Vilken information behöver ni från andra myndigheter?"],
        notes: &[
            ("Hans", "Lantmäteriet", "Digitala detaljplaner i ett gemensamt format"),
            ("Ingrid", "Boverket", "Bygglovsprocessen behöver digitaliseras från ansökan till beslut"),
            ("", "Trafikverket", "Öppna geodata för alla kommuner"),
            ("Hans", "Lantmäteriet", "Grunddata om fastigheter ska vara lätta att hämta via API"),
            ("Jonas", "Malmö stad", "Samordnade API:er för planering och byggande"),
        ],
    },
];

/// Last year's round, which this year's is compared with.
const PREVIOUS_WORKSHOPS: &[DemoWorkshop] = &[DemoWorkshop {
    title: "Tvärsektoriell workshop",
    sector: "Flera sektorer",
    held_on: Date::constant(2025, 3, 12),
    prompts: &["Vilka gemensamma digitala behov ser ni?"],
    notes: &[
        ("Anna", "Region Uppsala", "Journaldata måste kunna delas mellan regioner"),
        ("", "Socialstyrelsen", "Dela journaldata mellan region och kommun"),
        ("Karin", "Region Skåne", "Journaldata behöver delas säkert mellan vårdgivare"),
        ("", "", "E-legitimation för anställda utan personnummer"),
        ("Lars", "Försäkringskassan", "Gemensam e-legitimation för medarbetare"),
        ("", "Skatteverket", "E-legitimation för personal i alla myndigheter"),
        ("Maria", "Riksarkivet", "Digitalt arkiv för allmänna handlingar"),
        ("", "Riksarkivet", "Långsiktig arkivering av digitala handlingar"),
        ("Nils", "Stockholms stad", "E-arkiv för handlingar från flera system"),
    ],
}];

/// The demo rounds just seeded.
#[derive(Debug, Clone, Copy)]
pub struct DemoRounds {
    pub previous: RoundId,
    pub current: RoundId,
}

/// Seeds the demo rounds unless the database already has rounds; returns them if it did.
pub async fn seed_if_empty(store: &Store) -> Result<Option<DemoRounds>, StoreError> {
    if store.has_rounds().await? {
        return Ok(None);
    }
    let previous = seed_round(store, "Behovsinventering 2025 (demo)", PREVIOUS_WORKSHOPS).await?;
    let current = seed_round(store, "Behovsinventering 2026 (demo)", WORKSHOPS).await?;
    store.set_previous_round(current, Some(previous)).await?;
    Ok(Some(DemoRounds { previous, current }))
}

/// Stores one round with its workshops and their notes; returns its id.
async fn seed_round(store: &Store, title: &str, workshops: &[DemoWorkshop]) -> Result<RoundId, StoreError> {
    // No owner: anyone may open the demo as its facilitator.
    let round = store.insert_round(title, None).await?;
    for demo in workshops {
        let new = NewWorkshop {
            round_id: round.id,
            title: demo.title.to_string(),
            sector: demo.sector.to_string(),
            held_on: Some(demo.held_on),
            prompts: demo.prompts.iter().map(|p| p.to_string()).collect(),
        };
        let workshop = store.insert_workshop(&new, &JoinCode::from_random(Uuid::new_v4().as_bytes())).await?;
        for (name, organisation, text) in demo.notes {
            let profile =
                ParticipantProfile::parse(name, organisation).map_err(|_| StoreError::Corrupt("demo"))?;
            // Demo devices are not hashes of any real token, so nobody can act as them.
            let device = format!("demo:{name}:{organisation}");
            let author = store.upsert_participant(workshop.id, &device, &profile).await?;
            store.insert_note(workshop.id, author.id, NoteId::random(), text).await?;
        }
    }
    Ok(round.id)
}
