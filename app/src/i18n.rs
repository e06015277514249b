//! Swedish (the default) and English texts of the interface.
//!
//! Each language is one [`Texts`] value, so a missing translation fails to compile.
//! The chosen language lives in the `klustra_lang` cookie; the server renders `<html lang>`
//! from it and the browser reads it back from there when it hydrates.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Field};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "klustra_lang";

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Reads a tag; anything but English means Swedish.
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().eq_ignore_ascii_case("en") { Lang::En } else { Lang::Sv }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Self {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    /// The interface texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// The language of the current request (server) or page (browser).
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| crate::ports::cookie_value(&parts.headers, LANG_COOKIE).map(Lang::from_tag))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// The language given to the page by [`provide_lang`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Puts the current language in context for every component below.
pub fn provide_lang() -> Lang {
    let lang = current_lang();
    provide_context(lang);
    lang
}

/// Every text of the interface.
pub struct Texts {
    pub tagline: &'static str,
    pub switch_language: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub home: &'static str,
    pub join_heading: &'static str,
    pub join_code_label: &'static str,
    pub join_code_help: &'static str,
    pub join_go: &'static str,
    pub rounds_heading: &'static str,
    pub no_rounds: &'static str,
    pub new_round_heading: &'static str,
    pub round_title_label: &'static str,
    pub create_round: &'static str,
    pub workshops: &'static str,
    pub workshops_heading: &'static str,
    pub no_workshops: &'static str,
    pub new_workshop_heading: &'static str,
    pub workshop_title_label: &'static str,
    pub sector_label: &'static str,
    pub date_label: &'static str,
    pub prompts_label: &'static str,
    pub prompts_help: &'static str,
    pub create_workshop: &'static str,
    pub code: &'static str,
    pub state_open: &'static str,
    pub state_locked: &'static str,
    pub participants_count: &'static str,
    pub join_link: &'static str,
    pub qr_alt: &'static str,
    pub lock: &'static str,
    pub unlock: &'static str,
    pub locked_notice: &'static str,
    pub facilitator_only: &'static str,
    pub notes_heading: &'static str,
    pub no_notes: &'static str,
    pub anonymous: &'static str,
    pub hidden: &'static str,
    pub edited: &'static str,
    pub join_as_heading: &'static str,
    pub join_as_help: &'static str,
    pub join_as_help_anonymous: &'static str,
    pub workshops_n: fn(i64) -> String,
    pub name_label: &'static str,
    pub organisation_label: &'static str,
    pub join_button: &'static str,
    pub joined_as: &'static str,
    pub write_note_label: &'static str,
    pub add_note: &'static str,
    pub note_added: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub yours: &'static str,
    pub round_label: &'static str,
    pub back_to_round: &'static str,
    pub open_facilitator_page: &'static str,
    pub connecting: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub waiting_to_send: &'static str,
    pub signed_out: &'static str,
    pub sign_in_again: &'static str,
    pub time_left: &'static str,
    pub time_is_up: &'static str,
    pub not_saved: &'static str,
    pub saved: &'static str,
    pub sending: &'static str,
    pub private_notice: &'static str,
    pub private_on: &'static str,
    pub private_off: &'static str,
    pub private_active: &'static str,
    pub timer_minutes: &'static str,
    pub start_timer: &'static str,
    pub stop_timer: &'static str,
    pub paper_heading: &'static str,
    pub group_label: &'static str,
    pub add_paper_note: &'static str,
    pub presenter_view: &'static str,
    pub hide: &'static str,
    pub show: &'static str,
    pub merge_into: &'static str,
    pub merge: &'static str,
    pub merged: &'static str,
    pub controls_heading: &'static str,
    pub themes_heading: &'static str,
    pub cluster_button: &'static str,
    pub clustering_progress: &'static str,
    pub granularity_label: &'static str,
    pub no_themes: &'static str,
    pub semantic_off: &'static str,
    pub rename: &'static str,
    pub theme_name: &'static str,
    pub move_to: &'static str,
    pub move_note: &'static str,
    pub unsorted: &'static str,
    pub name_kept: &'static str,
    pub placed: &'static str,
    pub example: &'static str,
    pub undo: &'static str,
    pub pin: &'static str,
    pub unpin: &'static str,
    pub split: &'static str,
    pub lock_theme: &'static str,
    pub unlock_theme: &'static str,
    pub theme_locked: &'static str,
    // Needs nested in themes.
    pub need_granularity_label: &'static str,
    pub need_name: &'static str,
    pub without_need: &'static str,
    pub move_cancel: &'static str,
    pub keywords: &'static str,
    // Voting and +1 (kept together to ease merging).
    pub similar_one: &'static str,
    pub similar_many: &'static str,
    pub similar_help: &'static str,
    pub support_label: &'static str,
    pub supporters_label: &'static str,
    pub vote_heading: &'static str,
    pub vote_dots_label: &'static str,
    pub vote_target_label: &'static str,
    pub vote_on_notes: &'static str,
    pub vote_on_themes: &'static str,
    pub open_vote: &'static str,
    pub close_vote: &'static str,
    pub vote_open_notice: &'static str,
    pub vote_closed_notice: &'static str,
    pub dots_left_you_have: &'static str,
    pub dots_left_of: &'static str,
    pub dots_left_rest: &'static str,
    pub give_dot: &'static str,
    pub give_dot_label: &'static str,
    pub take_dot: &'static str,
    pub take_dot_label: &'static str,
    pub your_dots: &'static str,
    pub gone_note: &'static str,
    pub dot: &'static str,
    pub dots: &'static str,
    pub results_heading: &'static str,
    pub no_dots_yet: &'static str,
    /// The sentence for an error.
    pub error: fn(&AppError) -> String,
}

static SV: Texts = Texts {
    tagline: "Samla workshoppens lappar och se dem bli teman.",
    switch_language: "In English",
    loading: "Laddar …",
    not_found: "Sidan finns inte.",
    home: "Start",
    join_heading: "Gå med i en workshop",
    join_code_label: "Kod",
    join_code_help: "Sex tecken, till exempel KXM-W4T. Du får koden av den som leder workshoppen.",
    join_go: "Gå med",
    rounds_heading: "Omgångar",
    no_rounds: "Inga omgångar ännu.",
    new_round_heading: "Ny omgång",
    round_title_label: "Namn på omgången",
    create_round: "Skapa omgång",
    workshops: "workshoppar",
    workshops_heading: "Workshoppar",
    no_workshops: "Inga workshoppar ännu.",
    new_workshop_heading: "Ny workshop",
    workshop_title_label: "Titel",
    sector_label: "Sektor",
    date_label: "Datum (ÅÅÅÅ-MM-DD)",
    prompts_label: "Frågor till deltagarna",
    prompts_help: "En fråga per rad.",
    create_workshop: "Skapa workshop",
    code: "Kod",
    state_open: "Öppen",
    state_locked: "Låst",
    participants_count: "deltagare",
    join_link: "Länk för att gå med",
    qr_alt: "QR-kod med länken för att gå med",
    lock: "Lås tavlan",
    unlock: "Lås upp tavlan",
    locked_notice: "Tavlan är låst: lappar kan inte läggas till eller ändras.",
    facilitator_only: "Bara omgångens facilitatorer kan se den här sidan.",
    notes_heading: "Lappar",
    no_notes: "Inga lappar ännu.",
    anonymous: "Anonym",
    hidden: "dold",
    edited: "ändrad",
    join_as_heading: "Vem är du?",
    join_as_help: "Båda fälten är frivilliga. Lämna dem tomma för att vara anonym.",
    join_as_help_anonymous: "Organisationen är frivillig.",
    workshops_n: |n| if n == 1 { "1 workshop".to_string() } else { format!("{n} workshoppar") },
    name_label: "Namn",
    organisation_label: "Organisation",
    join_button: "Gå med i workshoppen",
    joined_as: "Du är med som",
    write_note_label: "Skriv en lapp",
    add_note: "Lägg till lapp",
    note_added: "Lappen är sparad.",
    edit: "Ändra",
    save: "Spara",
    cancel: "Avbryt",
    delete: "Ta bort",
    yours: "din",
    round_label: "Omgång",
    back_to_round: "Till omgången",
    open_facilitator_page: "Öppna ledarsidan",
    connecting: "Ansluter …",
    online: "Ansluten: tavlan uppdateras direkt",
    offline: "Frånkopplad: lappar sparas här och skickas när nätet är tillbaka",
    waiting_to_send: "väntar på att skickas",
    signed_out: "Utloggad: tavlan uppdateras inte längre.",
    sign_in_again: "Logga in igen",
    time_left: "Tid kvar",
    time_is_up: "Tiden är ute",
    not_saved: "Lappen sparades inte:",
    saved: "sparad",
    sending: "skickas …",
    private_notice: "Privat skrivning: du ser bara dina egna lappar tills ledaren visar alla.",
    private_on: "Starta privat skrivning",
    private_off: "Visa alla lappar",
    private_active: "Privat skrivning pågår",
    timer_minutes: "Minuter",
    start_timer: "Starta timer",
    stop_timer: "Stoppa timer",
    paper_heading: "Lappar från papper",
    group_label: "Grupp",
    add_paper_note: "Lägg till för gruppen",
    presenter_view: "Visa på projektor",
    hide: "Dölj",
    show: "Visa",
    merge_into: "Slå ihop med",
    merge: "Slå ihop",
    merged: "sammanslagna",
    controls_heading: "Styr tavlan",
    themes_heading: "Teman",
    cluster_button: "Klustra lapparna",
    clustering_progress: "Klustrar lapparna …",
    granularity_label: "Detaljnivå (färre – fler teman)",
    no_themes: "Inga teman ännu. Klustra lapparna när det finns några.",
    semantic_off: "Gruppering efter innebörd är avstängd: språkmodellen är inte installerad, så lapparna grupperas bara efter sina ord.",
    rename: "Byt namn",
    theme_name: "Temats namn",
    move_to: "Flytta till",
    move_note: "Flytta",
    unsorted: "Övrigt / osorterat",
    name_kept: "namnet behålls",
    placed: "placerad",
    example: "exempel",
    undo: "Ångra senaste ändringen",
    pin: "Fäst",
    unpin: "Lossa",
    lock_theme: "Lås temat",
    unlock_theme: "Lås upp temat",
    theme_locked: "låst",
    need_granularity_label: "Detaljnivå för behov (färre – fler behov)",
    need_name: "Behovets namn",
    without_need: "Utan behov",
    move_cancel: "Avbryt",
    keywords: "Nyckelord",
    split: "Dela temat",
    // Voting and +1.
    similar_one: "liknande lapp finns",
    similar_many: "liknande lappar finns",
    similar_help: "Håll med om en befintlig lapp med +1, eller lägg till din egen.",
    support_label: "Ge +1 till lappen",
    supporters_label: "har gett +1",
    vote_heading: "Röstning med prickar",
    vote_dots_label: "Prickar per deltagare",
    vote_target_label: "Rösta på",
    vote_on_notes: "Lappar",
    vote_on_themes: "Teman",
    open_vote: "Starta röstning",
    close_vote: "Avsluta röstningen",
    vote_open_notice: "Röstning pågår: fördela dina prickar.",
    vote_closed_notice: "Röstningen är avslutad.",
    dots_left_you_have: "Du har",
    dots_left_of: "av",
    dots_left_rest: "prickar kvar",
    give_dot: "+ prick",
    give_dot_label: "Ge en prick till",
    take_dot: "− prick",
    take_dot_label: "Ta tillbaka en prick från",
    your_dots: "Dina prickar",
    gone_note: "(lappen finns inte längre)",
    dot: "prick",
    dots: "prickar",
    results_heading: "Resultat",
    no_dots_yet: "Inga prickar ännu.",
    error: error_sv,
};

static EN: Texts = Texts {
    tagline: "Collect a workshop's sticky notes and see them become themes.",
    switch_language: "På svenska",
    loading: "Loading …",
    not_found: "This page does not exist.",
    home: "Home",
    join_heading: "Join a workshop",
    join_code_label: "Code",
    join_code_help: "Six characters, for example KXM-W4T. The person leading the workshop gives it to you.",
    join_go: "Join",
    rounds_heading: "Rounds",
    no_rounds: "No rounds yet.",
    new_round_heading: "New round",
    round_title_label: "Name of the round",
    create_round: "Create round",
    workshops: "workshops",
    workshops_heading: "Workshops",
    no_workshops: "No workshops yet.",
    new_workshop_heading: "New workshop",
    workshop_title_label: "Title",
    sector_label: "Sector",
    date_label: "Date (YYYY-MM-DD)",
    prompts_label: "Questions for the participants",
    prompts_help: "One question per line.",
    create_workshop: "Create workshop",
    code: "Code",
    state_open: "Open",
    state_locked: "Locked",
    participants_count: "participants",
    join_link: "Link to join",
    qr_alt: "QR code with the link to join",
    lock: "Lock the board",
    unlock: "Unlock the board",
    locked_notice: "The board is locked: notes cannot be added or changed.",
    facilitator_only: "Only the round's facilitators can see this page.",
    notes_heading: "Notes",
    no_notes: "No notes yet.",
    anonymous: "Anonymous",
    hidden: "hidden",
    edited: "edited",
    join_as_heading: "Who are you?",
    join_as_help: "Both fields are optional. Leave them empty to stay anonymous.",
    join_as_help_anonymous: "The organisation is optional.",
    workshops_n: |n| if n == 1 { "1 workshop".to_string() } else { format!("{n} workshops") },
    name_label: "Name",
    organisation_label: "Organisation",
    join_button: "Join the workshop",
    joined_as: "You take part as",
    write_note_label: "Write a note",
    add_note: "Add note",
    note_added: "The note is saved.",
    edit: "Edit",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    yours: "yours",
    round_label: "Round",
    back_to_round: "Back to the round",
    open_facilitator_page: "Open the facilitator page",
    connecting: "Connecting …",
    online: "Connected: the board updates live",
    offline: "Offline: notes are kept here and sent when the network returns",
    waiting_to_send: "waiting to be sent",
    signed_out: "Signed out: the board no longer updates.",
    sign_in_again: "Sign in again",
    time_left: "Time left",
    time_is_up: "Time is up",
    not_saved: "The note was not saved:",
    saved: "saved",
    sending: "sending …",
    private_notice: "Private writing: you see only your own notes until the facilitator reveals them.",
    private_on: "Start private writing",
    private_off: "Reveal all notes",
    private_active: "Private writing is on",
    timer_minutes: "Minutes",
    start_timer: "Start timer",
    stop_timer: "Stop timer",
    paper_heading: "Notes from paper",
    group_label: "Group",
    add_paper_note: "Add for the group",
    presenter_view: "Presenter view",
    hide: "Hide",
    show: "Show",
    merge_into: "Merge with",
    merge: "Merge",
    merged: "merged",
    controls_heading: "Board controls",
    themes_heading: "Themes",
    cluster_button: "Cluster the notes",
    clustering_progress: "Clustering the notes …",
    granularity_label: "Level of detail (fewer – more themes)",
    no_themes: "No themes yet. Cluster the notes once there are some.",
    semantic_off: "Grouping by meaning is off: the language model is not installed, so notes are grouped by their words only.",
    rename: "Rename",
    theme_name: "Theme name",
    move_to: "Move to",
    move_note: "Move",
    unsorted: "Other / unsorted",
    name_kept: "name kept",
    placed: "placed",
    example: "example",
    undo: "Undo the last change",
    pin: "Pin",
    unpin: "Unpin",
    lock_theme: "Lock the theme",
    unlock_theme: "Unlock the theme",
    theme_locked: "locked",
    need_granularity_label: "Level of detail for needs (fewer – more needs)",
    need_name: "Name of the need",
    without_need: "In no need",
    move_cancel: "Cancel",
    keywords: "Keywords",
    split: "Split the theme",
    // Voting and +1.
    similar_one: "similar note exists",
    similar_many: "similar notes exist",
    similar_help: "Agree with an existing note with +1, or add your own.",
    support_label: "Give +1 to the note",
    supporters_label: "gave +1",
    vote_heading: "Dot voting",
    vote_dots_label: "Dots per participant",
    vote_target_label: "Vote on",
    vote_on_notes: "Notes",
    vote_on_themes: "Themes",
    open_vote: "Start the vote",
    close_vote: "Close the vote",
    vote_open_notice: "Voting is open: place your dots.",
    vote_closed_notice: "Voting has closed.",
    dots_left_you_have: "You have",
    dots_left_of: "of",
    dots_left_rest: "dots left",
    give_dot: "+ dot",
    give_dot_label: "Give a dot to",
    take_dot: "− dot",
    take_dot_label: "Take back a dot from",
    your_dots: "Your dots",
    gone_note: "(this note is gone)",
    dot: "dot",
    dots: "dots",
    results_heading: "Results",
    no_dots_yet: "No dots yet.",
    error: error_en,
};

/// How Swedish words each error.
fn error_sv(error: &AppError) -> String {
    match error {
        AppError::NoteEmpty => "Lappen är tom. Skriv något först.".into(),
        AppError::TooLong { field, max } => {
                format!("{} får vara högst {max} tecken.", field_sv(*field))
            }
        AppError::TooMany { field, max } => {
                format!("{} får vara högst {max} stycken.", field_sv(*field))
            }
        AppError::TooShort { field, min } => {
                format!("{} ska vara minst {min} tecken.", field_sv(*field))
            }
        AppError::Invalid { field: Field::PasswordRepeat } => {
                "Lösenorden är inte likadana. Skriv samma lösenord två gånger.".into()
            }
        AppError::Invalid { field: Field::CurrentPassword } => {
                "Det nuvarande lösenordet är fel.".into()
            }
        AppError::Required { field } => format!("{} måste fyllas i.", field_sv(*field)),
        AppError::Invalid { field: Field::Dots } => {
                format!("Antalet prickar ska vara 1–{}.", crate::vote::DOTS_MAX)
            }
        AppError::Invalid { field: Field::Date } => "Datumet ska skrivas ÅÅÅÅ-MM-DD.".into(),
        AppError::Invalid { field: Field::Note } => {
                "Lappen innehåller osynliga tecken eller tecken som vänder textens riktning. Ta bort dem och försök igen.".into()
            }
        AppError::Invalid { field } => format!("{} är inte giltig.", field_sv(*field)),
        AppError::UnknownCode => {
                "Ingen workshop har den koden. Kontrollera koden och försök igen.".into()
            }
        AppError::NotFound => "Det finns inte (längre).".into(),
        AppError::WorkshopLocked => {
                "Workshoppen är låst. Lappar kan inte längre läggas till eller ändras.".into()
            }
        AppError::NotJoined => "Gå med i workshoppen först.".into(),
        AppError::NotSignedIn => "Logga in först.".into(),
        AppError::WrongCredentials => "Fel e-postadress eller lösenord.".into(),
        AppError::SetupLinkInvalid => {
                "Länken för att skapa administratören gäller inte (redan använd eller för gammal).".into()
            }
        AppError::EmailTaken => "Det finns redan ett konto med den e-postadressen.".into(),
        AppError::UnknownAccount => "Inget aktivt konto har den e-postadressen.".into(),
        AppError::Forbidden => "Det får du inte göra.".into(),
        AppError::TooFewToSplit => "Ett tema behöver minst två lappar för att delas.".into(),
        AppError::NothingToUndo => "Det finns inget att ångra.".into(),
        AppError::OwnNote => "Du kan inte ge +1 till din egen lapp.".into(),
        AppError::NoDotsLeft { dots } => {
                format!(
                    "Du har redan satt alla dina {dots} prickar. Ta tillbaka en prick för att flytta den."
                )
            }
        AppError::VoteClosed => "Röstningen är stängd.".into(),
        AppError::VoteAlreadyOpen => {
                "En röstning pågår redan. Avsluta den innan du startar en ny.".into()
            }
        AppError::NoThemesToVoteOn => {
                "Det finns inga teman att rösta på. Klustra lapparna först.".into()
            }
        AppError::ArchiveFirst => {
                "Exportera arkivet först: lapparna har ändrats sedan det senaste arkivet.".into()
            }
        AppError::Malformed => "Förfrågan kunde inte läsas.".into(),
        AppError::CrossSite => {
                "Förfrågan kom från en annan webbplats och avvisades. Öppna Klustra direkt och försök igen."
                    .into()
            }
        AppError::TooLarge { max } => {
                format!("Förfrågan är för stor. Servern tar emot högst {} kB.", max / 1024)
            }
        AppError::TooManyRequests { retry_after } => {
                format!("För många förfrågningar på kort tid. Vänta {retry_after} s och försök igen.")
            }
        AppError::Internal => "Något gick fel på servern. Försök igen om en stund.".into(),
    }
}

/// How English words each error.
fn error_en(error: &AppError) -> String {
    match error {
        AppError::NoteEmpty => "The note is empty. Write something first.".into(),
        AppError::TooLong { field, max } => {
                format!("{} can be at most {max} characters.", field_en(*field))
            }
        AppError::TooMany { field, max } => format!("{} can be at most {max}.", field_en(*field)),
        AppError::TooShort { field, min } => {
                format!("{} must be at least {min} characters.", field_en(*field))
            }
        AppError::Invalid { field: Field::PasswordRepeat } => {
                "The passwords differ. Type the same password twice.".into()
            }
        AppError::Invalid { field: Field::CurrentPassword } => {
                "The current password is wrong.".into()
            }
        AppError::Required { field } => format!("{} is required.", field_en(*field)),
        AppError::Invalid { field: Field::Dots } => {
                format!("The number of dots must be 1–{}.", crate::vote::DOTS_MAX)
            }
        AppError::Invalid { field: Field::Date } => {
                "The date must be written YYYY-MM-DD.".into()
            }
        AppError::Invalid { field: Field::Note } => {
                "The note contains invisible characters or characters that reverse the text's direction. Remove them and try again.".into()
            }
        AppError::Invalid { field } => format!("{} is not valid.", field_en(*field)),
        AppError::UnknownCode => {
                "No workshop has that code. Check the code and try again.".into()
            }
        AppError::NotFound => "It does not exist (any more).".into(),
        AppError::WorkshopLocked => {
                "The workshop is locked. Notes can no longer be added or changed.".into()
            }
        AppError::NotJoined => "Join the workshop first.".into(),
        AppError::NotSignedIn => "Sign in first.".into(),
        AppError::WrongCredentials => "Wrong e-mail address or password.".into(),
        AppError::SetupLinkInvalid => {
                "The link for creating the administrator is not valid (already used or expired).".into()
            }
        AppError::EmailTaken => "An account with that e-mail address already exists.".into(),
        AppError::UnknownAccount => "No active account has that e-mail address.".into(),
        AppError::Forbidden => "You are not allowed to do that.".into(),
        AppError::TooFewToSplit => "A theme needs at least two notes to be split.".into(),
        AppError::NothingToUndo => "There is nothing to undo.".into(),
        AppError::OwnNote => "You cannot +1 your own note.".into(),
        AppError::NoDotsLeft { dots } => {
                format!("You have already placed all your {dots} dots. Take one back to move it.")
            }
        AppError::VoteClosed => "The vote is closed.".into(),
        AppError::VoteAlreadyOpen => {
                "A vote is already open. Close it before starting a new one.".into()
            }
        AppError::NoThemesToVoteOn => {
                "There are no themes to vote on. Cluster the notes first.".into()
            }
        AppError::ArchiveFirst => {
                "Export the archive first: the notes have changed since the last archive.".into()
            }
        AppError::Malformed => "The request could not be read.".into(),
        AppError::CrossSite => {
                "The request came from another website and was refused. Open Klustra directly and try again."
                    .into()
            }
        AppError::TooLarge { max } => {
                format!("The request is too large. The server accepts at most {} KB.", max / 1024)
            }
        AppError::TooManyRequests { retry_after } => {
                format!("Too many requests in a short time. Wait {retry_after} s and try again.")
            }
        AppError::Internal => {
                "Something went wrong on the server. Try again in a moment.".into()
            }
    }
}

/// A field's name as the Swedish form shows it.
fn field_sv(field: Field) -> &'static str {
    use Field::*;
    match field {
        Note => "Lappen",
        Title => "Titeln",
        Sector => "Sektorn",
        Date => "Datumet",
        Prompts => "Frågorna",
        Name => "Namnet",
        Organisation => "Organisationen",
        Code => "Koden",
        Minutes => "Antalet minuter",
        Group => "Gruppen",
        Granularity => "Detaljnivån",
        Theme => "Temat",
        PreviousRound => "Omgången att jämföra med",
        Format => "Formatet",
        Dots => "Antalet prickar",
        Email => "E-postadressen",
        Password => "Lösenordet",
        PasswordRepeat => "Det upprepade lösenordet",
        CurrentPassword => "Det nuvarande lösenordet",
        Role => "Rollen",
    }
}
/// A field's name as the English form shows it.
fn field_en(field: Field) -> &'static str {
    use Field::*;
    match field {
        Note => "The note",
        Title => "The title",
        Sector => "The sector",
        Date => "The date",
        Prompts => "The prompt questions",
        Name => "The name",
        Organisation => "The organisation",
        Code => "The code",
        Minutes => "The number of minutes",
        Group => "The group",
        Granularity => "The level of detail",
        Theme => "The theme",
        PreviousRound => "The round to compare with",
        Format => "The format",
        Dots => "The number of dots",
        Email => "The e-mail address",
        Password => "The password",
        PasswordRepeat => "The repeated password",
        CurrentPassword => "The current password",
        Role => "The role",
    }
}

impl Lang {
    /// The texts of reports and the analyst's page in this language.
    pub fn report_texts(self) -> &'static ReportTexts {
        match self {
            Lang::Sv => &REPORT_SV,
            Lang::En => &REPORT_EN,
        }
    }
}

/// Texts of the revision report, its exports and the analyst's page of a round.
pub struct ReportTexts {
    pub workshop_report: &'static str,
    pub round_report: &'static str,
    pub round: &'static str,
    pub generated: &'static str,
    pub compared_with: &'static str,
    pub workshops_heading: &'static str,
    pub themes_heading: &'static str,
    pub notes: &'static str,
    pub theme: &'static str,
    pub theme_id: &'static str,
    pub note: &'static str,
    pub note_id: &'static str,
    pub workshop: &'static str,
    pub sector: &'static str,
    pub date: &'static str,
    pub organisation: &'static str,
    pub author: &'static str,
    pub created: &'static str,
    pub supporters: &'static str,
    pub dots: &'static str,
    pub status: &'static str,
    pub terms: &'static str,
    pub status_new: &'static str,
    pub status_recurring: &'static str,
    pub status_gone: &'static str,
    pub previously: &'static str,
    pub per_workshop: &'static str,
    pub per_sector: &'static str,
    pub per_organisation: &'static str,
    pub no_organisation: &'static str,
    pub anonymous: &'static str,
    pub anonymous_note: &'static str,
    pub heatmap_title: &'static str,
    pub bar_chart_title: &'static str,
    pub not_clustered: &'static str,
    pub without_theme: &'static str,
    pub no_longer_mentioned: &'static str,
    pub no_notes: &'static str,
    pub unsorted: &'static str,
    pub need: &'static str,
    pub need_id: &'static str,
    pub needs: &'static str,
    pub without_need: &'static str,
    // The analyst's page.
    pub analysis_link: &'static str,
    pub analysis_heading: &'static str,
    pub cluster_round: &'static str,
    pub clustering_round: &'static str,
    pub clustered_at: &'static str,
    pub filters: &'static str,
    pub all: &'static str,
    pub previous_round: &'static str,
    pub no_previous_round: &'static str,
    pub save: &'static str,
    pub export_heading: &'static str,
    pub export_html: &'static str,
    pub export_markdown: &'static str,
    pub export_csv: &'static str,
    /// The CSV with commas, offered where the language's default is another separator.
    pub export_csv_comma: Option<&'static str>,
    pub export_json: &'static str,
    pub export_excel: &'static str,
    pub export_filtered: &'static str,
    pub anonymous_toggle_on: &'static str,
    pub anonymous_toggle_off: &'static str,
    pub anonymous_active: &'static str,
    pub analysis_forbidden: &'static str,
    pub round_themes_heading: &'static str,
    pub round_themes_help: &'static str,
    pub provisional_themes: &'static str,
    pub theme_actions: &'static str,
    pub split_round_theme: &'static str,
    /// "in `n` of `total` workshops": where a round theme recurs.
    pub recurs_in: fn(usize, usize) -> String,
    // Data protection of a round.
    pub retention_heading: &'static str,
    pub retain_until: &'static str,
    pub retain_until_help: &'static str,
    pub retention_overdue: &'static str,
    pub archive_link: &'static str,
    pub archived_at: &'static str,
    pub archive_current: &'static str,
    pub archive_stale: &'static str,
    pub purge_confirm: &'static str,
    pub purge_button: &'static str,
    pub purged_at: &'static str,
    pub audit_heading: &'static str,
    pub audit_retention: &'static str,
    pub audit_archive: &'static str,
    pub audit_purge: &'static str,
    pub anonymous_help: &'static str,
    pub themes_word: &'static str,
    pub participants_word: &'static str,
}

const REPORT_SV: ReportTexts = ReportTexts {
    workshop_report: "Revideringsrapport, workshop",
    round_report: "Revideringsrapport, omgång",
    round: "Omgång",
    generated: "Skapad",
    compared_with: "Jämförs med",
    workshops_heading: "Workshoppar",
    themes_heading: "Teman",
    notes: "lappar",
    theme: "Tema",
    theme_id: "Tema-id",
    note: "Lapp",
    note_id: "Lapp-id",
    workshop: "Workshop",
    sector: "Sektor",
    date: "Datum",
    organisation: "Organisation",
    author: "Namn",
    created: "Skriven",
    supporters: "+1",
    dots: "Prickar",
    status: "Jämfört med förra omgången",
    terms: "Nyckelord",
    status_new: "Nytt",
    status_recurring: "Återkommande",
    status_gone: "Nämns inte längre",
    previously: "förra omgången",
    per_workshop: "Per workshop",
    per_sector: "Per sektor",
    per_organisation: "Per organisation",
    no_organisation: "(ingen organisation angiven)",
    anonymous: "anonym",
    anonymous_note: "Anonyma workshoppar: namn redovisas inte.",
    heatmap_title: "Teman per workshop",
    bar_chart_title: "De största temana",
    not_clustered: "Lapparna är inte klustrade i teman än.",
    without_theme: "Lappar utan tema",
    no_longer_mentioned: "Teman från förra omgången som inte nämns längre",
    no_notes: "Inga lappar.",
    unsorted: "Övrigt / osorterat",
    need: "Behov",
    need_id: "Behovs-id",
    needs: "behov",
    without_need: "Utan behov",
    analysis_link: "Analys och rapport för omgången",
    analysis_heading: "Analys av omgången",
    cluster_round: "Bygg omgångens teman från workshopparna",
    clustering_round: "Sammanför workshopparnas teman …",
    clustered_at: "Senast klustrad",
    filters: "Filter",
    all: "Alla",
    previous_round: "Jämför med omgång",
    no_previous_round: "Ingen jämförelse",
    save: "Spara",
    export_heading: "Exportera rapporten",
    export_html: "Utskrivbar rapport (HTML, skriv ut till PDF)",
    export_markdown: "Markdown",
    export_csv: "CSV (semikolon)",
    export_csv_comma: Some("CSV (kommatecken)"),
    export_json: "JSON",
    export_excel: "Excel",
    export_filtered: "Exporten följer filtret.",
    anonymous_toggle_on: "Gör workshoppen anonym",
    anonymous_toggle_off: "Visa namn i rapporter",
    anonymous_active: "Anonym: inga namn i rapporter",
    analysis_forbidden: "Omgången är inte delad med dig, så du kan inte se analysen.",
    round_themes_heading: "Omgångens teman",
    round_themes_help: "Teman om samma sak från olika workshoppar är sammanförda, med facilitatorernas namn. Byt namn, slå ihop eller dela: namnen du ger behålls när temana byggs om.",
    provisional_themes: "Temana nedan är sammanförda från workshopparnas teman men inte sparade. Bygg omgångens teman för att kunna byta namn, slå ihop och dela dem.",
    theme_actions: "Ändra temat",
    split_round_theme: "Dela temat efter innehåll",
    recurs_in: |n, total| format!("i {n} av {total} {}", if total == 1 { "workshop" } else { "workshoppar" }),
    retention_heading: "Dataskydd och gallring",
    retain_until: "Lapparna sparas till och med",
    retain_until_help: "Lämna tomt om inget datum är beslutat.",
    retention_overdue: "Lagringstiden har gått ut. Exportera arkivet och rensa sedan lapparna.",
    archive_link: "Exportera arkivet (JSON, hela omgången)",
    archived_at: "Senaste arkiv",
    archive_current: "Arkivet innehåller alla lappar.",
    archive_stale: "Lapparna har ändrats sedan senaste arkivet (eller så finns inget): exportera arkivet innan du rensar.",
    purge_confirm: "Jag har sparat arkivet. Radera alla lappar och deltagare i omgången.",
    purge_button: "Rensa omgångens lappar",
    purged_at: "Lapparna rensades",
    audit_heading: "Logg",
    audit_retention: "Lagringstid ändrad",
    audit_archive: "Arkiv exporterat",
    audit_purge: "Lappar rensade",
    anonymous_help: "Lapparna registreras per organisation: deltagarna anger inga namn.",
    themes_word: "teman",
    participants_word: "deltagare",
};

const REPORT_EN: ReportTexts = ReportTexts {
    workshop_report: "Revision report, workshop",
    round_report: "Revision report, round",
    round: "Round",
    generated: "Generated",
    compared_with: "Compared with",
    workshops_heading: "Workshops",
    themes_heading: "Themes",
    notes: "notes",
    theme: "Theme",
    theme_id: "Theme id",
    note: "Note",
    note_id: "Note id",
    workshop: "Workshop",
    sector: "Sector",
    date: "Date",
    organisation: "Organisation",
    author: "Name",
    created: "Written",
    supporters: "+1",
    dots: "Dots",
    status: "Compared with the previous round",
    terms: "Key words",
    status_new: "New",
    status_recurring: "Recurring",
    status_gone: "No longer mentioned",
    previously: "previous round",
    per_workshop: "Per workshop",
    per_sector: "Per sector",
    per_organisation: "Per organisation",
    no_organisation: "(no organisation given)",
    anonymous: "anonymous",
    anonymous_note: "Anonymous workshops: names are not reported.",
    heatmap_title: "Themes per workshop",
    bar_chart_title: "The largest themes",
    not_clustered: "The notes are not clustered into themes yet.",
    without_theme: "Notes without a theme",
    no_longer_mentioned: "Themes of the previous round no longer mentioned",
    no_notes: "No notes.",
    unsorted: "Other / unsorted",
    need: "Need",
    need_id: "Need id",
    needs: "needs",
    without_need: "In no need",
    analysis_link: "Analysis and report of the round",
    analysis_heading: "Analysis of the round",
    cluster_round: "Build the round's themes from the workshops",
    clustering_round: "Joining the workshops' themes …",
    clustered_at: "Last clustered",
    filters: "Filters",
    all: "All",
    previous_round: "Compare with round",
    no_previous_round: "No comparison",
    save: "Save",
    export_heading: "Export the report",
    export_html: "Printable report (HTML, print to PDF)",
    export_markdown: "Markdown",
    export_csv: "CSV",
    export_csv_comma: None,
    export_json: "JSON",
    export_excel: "Excel",
    export_filtered: "The export follows the filter.",
    anonymous_toggle_on: "Make the workshop anonymous",
    anonymous_toggle_off: "Show names in reports",
    anonymous_active: "Anonymous: no names in reports",
    analysis_forbidden: "The round is not shared with you, so you cannot see its analysis.",
    round_themes_heading: "The round's themes",
    round_themes_help: "Themes about the same thing from different workshops are joined, under the facilitators' names. Rename, merge or split them: the names you give are kept when the themes are built again.",
    provisional_themes: "The themes below are joined from the workshops' themes but not saved. Build the round's themes to rename, merge and split them.",
    theme_actions: "Change the theme",
    split_round_theme: "Split the theme by content",
    recurs_in: |n, total| format!("in {n} of {total} {}", if total == 1 { "workshop" } else { "workshops" }),
    retention_heading: "Data protection and deletion",
    retain_until: "Notes are kept until and including",
    retain_until_help: "Leave empty if no date has been decided.",
    retention_overdue: "The retention period has ended. Export the archive, then delete the notes.",
    archive_link: "Export the archive (JSON, the whole round)",
    archived_at: "Last archive",
    archive_current: "The archive holds every note.",
    archive_stale: "The notes changed since the last archive (or there is none): export the archive before deleting.",
    purge_confirm: "I have kept the archive. Delete every note and participant of the round.",
    purge_button: "Delete the round's notes",
    purged_at: "The notes were deleted",
    audit_heading: "Log",
    audit_retention: "Retention changed",
    audit_archive: "Archive exported",
    audit_purge: "Notes deleted",
    anonymous_help: "Notes are recorded by organisation: participants give no names.",
    themes_word: "themes",
    participants_word: "participants",
};
