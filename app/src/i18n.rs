//! Swedish (the default) and English texts of the interface.
//!
//! Each language is one [`Texts`] value, so a missing translation fails to compile.
//! The chosen language lives in the `klustra_lang` cookie; the server renders `<html lang>`
//! from it and the browser reads it back from there when it hydrates.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    pub only_owner_can_add: &'static str,
    pub code: &'static str,
    pub state_open: &'static str,
    pub state_locked: &'static str,
    pub notes_count: &'static str,
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
    only_owner_can_add: "Bara den som skapade omgången kan lägga till workshoppar.",
    code: "Kod",
    state_open: "Öppen",
    state_locked: "Låst",
    notes_count: "lappar",
    participants_count: "deltagare",
    join_link: "Länk för att gå med",
    qr_alt: "QR-kod med länken för att gå med",
    lock: "Lås tavlan",
    unlock: "Lås upp tavlan",
    locked_notice: "Tavlan är låst: lappar kan inte läggas till eller ändras.",
    facilitator_only: "Bara workshoppens ledare kan se den här sidan.",
    notes_heading: "Lappar",
    no_notes: "Inga lappar ännu.",
    anonymous: "Anonym",
    hidden: "dold",
    edited: "ändrad",
    join_as_heading: "Vem är du?",
    join_as_help: "Båda fälten är frivilliga. Lämna dem tomma för att vara anonym.",
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
    split: "Dela temat",
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
    only_owner_can_add: "Only the person who created the round can add workshops.",
    code: "Code",
    state_open: "Open",
    state_locked: "Locked",
    notes_count: "notes",
    participants_count: "participants",
    join_link: "Link to join",
    qr_alt: "QR code with the link to join",
    lock: "Lock the board",
    unlock: "Unlock the board",
    locked_notice: "The board is locked: notes cannot be added or changed.",
    facilitator_only: "Only the workshop's facilitator can see this page.",
    notes_heading: "Notes",
    no_notes: "No notes yet.",
    anonymous: "Anonymous",
    hidden: "hidden",
    edited: "edited",
    join_as_heading: "Who are you?",
    join_as_help: "Both fields are optional. Leave them empty to stay anonymous.",
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
    split: "Split the theme",
};
