//! Swedish texts of the interface.

use super::{AccountTexts, BoardTexts, ReportTexts, Texts};
use crate::error::{AppError, Field};

/// The Swedish texts.
pub fn sv() -> &'static Texts {
    &TEXTS
}

/// The Swedish plural rule: the singular for one only ("1 lapp", "0 lappar", "2 lappar").
fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A number and its noun: "1 lapp", "2 lappar".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// Names in quotes, the last two joined by `and`: «A», «B» och «C».
fn quoted(names: &[String], and: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("«{name}»")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn notes_n(n: usize) -> String {
    count(n as i64, "lapp", "lappar")
}

fn needs_n(n: usize) -> String {
    count(n as i64, "behov", "behov")
}

static TEXTS: Texts = Texts {
    tagline: "Samla workshoppens lappar och se dem bli teman.",
    skip_to_content: "Hoppa till innehållet",
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
    name_label: "Namn",
    organisation_label: "Organisation",
    join_button: "Gå med i workshoppen",
    joined_as: "Du är med som",
    write_note_label: "Skriv en lapp",
    enter_sends: "Enter skickar, Skift+Enter ger ny rad",
    add_note: "Lägg till lapp",
    edit: "Ändra",
    save: "Spara",
    cancel: "Avbryt",
    delete: "Ta bort",
    delete_note_confirm: "Ta bort lappen? Den hamnar i workshopens papperskorg och kan återställas tills lagringstiden gått ut.",
    delete_note_yes: "Ja, ta bort",
    note_deleted: "Lappen är borttagen och ligger i papperskorgen.",
    undo_delete: "Ångra",
    trash_heading: "Papperskorg",
    trash_help: "Borttagna lappar ligger här tills lagringstiden gått ut. En återställd lapp kommer tillbaka med sitt tema, sitt behov och sina +1.",
    trash_empty: "Papperskorgen är tom.",
    restore: "Återställ",
    deleted_by: |who, when| format!("Borttagen av {who}, {when}"),
    yours: "din",
    round_label: "Omgång",
    back_to_round: "Till omgången",
    connecting: "Ansluter …",
    online: "Ansluten: tavlan uppdateras direkt",
    offline: "Frånkopplad: lappar sparas här och skickas när nätet är tillbaka",
    signed_out: "Utloggad: tavlan uppdateras inte längre.",
    sign_in_again: "Logga in igen",
    time_left: "Tid kvar",
    time_is_up: "Tiden är ute",
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
    theme_locked_help: "En omkörning lämnar ett låst tema som det är: namn, behov och lappar. Inga andra lappar läggs till i det.",
    need_granularity_label: "Detaljnivå för behov (färre – fler behov)",
    need_name: "Behovets namn",
    split_need: "Dela behovet",
    split_need_help: "Välj lapparna som ska bli ett eget behov:",
    without_need: "Utan behov",
    move_cancel: "Avbryt",
    keywords: "Nyckelord",
    split: "Dela temat",
    // Voting and +1.
    similar_help: "Håll med om en befintlig lapp med +1, eller lägg till din egen.",
    vote_heading: "Röstning med prickar",
    vote_dots_label: "Prickar per deltagare",
    vote_target_label: "Rösta på",
    vote_on_notes: "Lappar",
    vote_on_themes: "Teman",
    open_vote: "Starta röstning",
    close_vote: "Avsluta röstningen",
    vote_open_notice: "Röstning pågår: fördela dina prickar.",
    vote_closed_notice: "Röstningen är avslutad.",
    give_dot: "+ prick",
    take_dot: "− prick",
    your_dots: "Dina prickar",
    gone_note: "(lappen finns inte längre)",
    results_heading: "Resultat",
    no_dots_yet: "Inga prickar ännu.",
    workshops_n: |n| count(n, "workshop", "workshoppar"),
    notes_n,
    needs_n,
    themes_n: |n| count(n as i64, "tema", "teman"),
    theme_n: |n| format!("Tema {n}"),
    need_n: |n| format!("Behov {n}"),
    participants_n: |n| count(n, "deltagare", "deltagare"),
    dots_n: |n| count(n, "prick", "prickar"),
    dots_left: |left, total| {
        format!("Du har {left} av {total} {} kvar", plural(total.into(), "prick", "prickar"))
    },
    similar_found: |n| format!("{} finns", count(n as i64, "liknande lapp", "liknande lappar")),
    supporters: |n| format!("{n} har gett +1"),
    support_button: |note| format!("+1: Ge +1 till lappen ”{note}”"),
    give_dot_button: |target| format!("+ prick: Ge en prick till ”{target}”"),
    take_dot_button: |target| format!("− prick: Ta tillbaka en prick från ”{target}”"),
    not_saved: |reason, note| format!("Lappen sparades inte: {reason} ”{note}”"),
    waiting_to_send: |n| format!("{n} väntar på att skickas"),
    merged: |n| format!("+{n} sammanslagna"),
    account: AccountTexts {
        signed_in_as: "Inloggad som",
        sign_in: "Logga in",
        sign_out: "Logga ut",
        account_link: "Ditt konto",
        accounts_link: "Konton",
        sign_in_heading: "Logga in",
        sign_in_needed: "Den här sidan är för facilitatorer, analytiker och administratörer. Logga in för att se den.",
        participants_need_no_account: "Deltar du i en workshop? Då behöver du inget konto: gå med med koden på startsidan.",
        email_label: "E-postadress",
        password_label: "Lösenord",
        password_repeat_label: "Lösenordet igen",
        password_help: "Minst 12 tecken. En mening med flera ord är lätt att minnas och svår att gissa.",
        setup_heading: "Skapa administratören",
        setup_intro: "Klustra har inga konton än. Skapa administratörens konto; administratören skapar sedan konton för facilitatorer och analytiker.",
        create_admin: "Skapa administratören",
        account_heading: "Ditt konto",
        role_label: "Roll",
        change_password_heading: "Byt lösenord",
        current_password_label: "Nuvarande lösenord",
        new_password_label: "Nytt lösenord",
        new_password_repeat_label: "Nytt lösenord igen",
        change_password: "Byt lösenord",
        password_changed: "Lösenordet är bytt. Dina inloggningar på andra enheter har avslutats.",
        accounts_heading: "Konton",
        new_account_heading: "Nytt konto",
        initial_password_label: "Startlösenord",
        create_account: "Skapa konto",
        account_created: "Kontot är skapat. Ge personen startlösenordet på ett säkert sätt.",
        status_label: "Status",
        status_active: "Aktivt",
        status_disabled: "Avstängt",
        action_label: "Åtgärd",
        disable: "Stäng av",
        enable: "Aktivera",
        that_is_you: "(du)",
        share_heading: "Dela omgången",
        share_help: "Lägg till en facilitator, som då kan leda omgången med dig, eller en analytiker, som kan läsa och exportera den.",
        share: "Dela",
        not_shared: "Omgången är inte delad med någon.",
        access_facilitate: "Medfacilitator",
        access_read: "Läser (analytiker)",
        remove_grant: "Ta bort",
        read_only: "Du kan läsa omgången och exportera rapporter, men inte ändra något.",
        export_workshop: "Exportera (CSV)",
        admins_only: "Bara administratörer hanterar konton.",
        account_menu: "Konto",
        role_admin: "Administratör",
        role_facilitator: "Facilitator",
        role_analyst: "Analytiker",
    },
    board: BoardTexts {
        side_panel: "Styr tavlan",
        show_qr: "Visa QR-kod",
        note_actions: "Åtgärder",
        theme_actions: "Temats åtgärder",
        merge_search_label: "Slå ihop med lappen",
        merge_search_placeholder: "Sök på ord i lappen",
        merge_suggested: "Liknande lappar:",
        merge_no_match: "Ingen annan lapp matchar.",
        drag_to_merge: "Dra en lapp till en annan för att slå ihop dubbletter.",
        filter_label: "Sök bland lapparna",
        results_after_close: "Resultatet visas när röstningen är avslutad.",
        filter_no_match: "Ingen lapp matchar sökningen.",
        show_all: "Visa alla",
        show_themes: "Visa teman",
        show_notes: "Visa lappar",
        no_themes_yet: "Lapparna är inte klustrade i teman än.",
        showing_latest: |shown, total| {
            format!("Visar de senaste {shown} av {}.", count(total as i64, "lapp", "lappar"))
        },
        show_more: |n| format!("Visa {} till", count(n as i64, "lapp", "lappar")),
        merged_into: |own, kept| format!("Din lapp ”{own}” slogs ihop med ”{kept}”: den räknas där."),
        merge_confirm: |dropped, target| {
            format!("Slå ihop ”{dropped}” med ”{target}”? Den första räknas då som en dubblett av den andra.")
        },
    },
    report: ReportTexts {
        notes_n,
        needs_n,
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
        similarity: |value| format!("{value:.2}").replace('.', ","),
        notes_here: |n, total| format!("{n} av {total} {} matchar", plural(total as i64, "lapp", "lappar")),
        name_from_notes: "namn från lapparna",
        name_from_analyst: "namn från analytikern",
        name_from_facilitator: |workshop| format!("namn från facilitatorn i «{workshop}»"),
        name_from_column: "Namnet från",
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
        no_longer_mentioned_sheet: "Nämns inte längre",
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
        round_themes_help: "Teman om samma sak från olika workshoppar är sammanförda, med facilitatorernas namn. Byt namn, slå ihop eller dela: namnen du ger behålls när temana byggs om. Byggs temana om på samma detaljnivå står de kvar som de är och bara nya lappar placeras; en annan detaljnivå grupperar om dem.",
        provisional_themes: "Temana nedan är sammanförda från workshopparnas teman men inte sparade. Bygg omgångens teman för att kunna byta namn, slå ihop och dela dem.",
        round_themes_help_read: "Teman om samma sak från olika workshoppar är sammanförda, med facilitatorernas namn.",
        provisional_themes_read: "Temana nedan är sammanförda från workshopparnas teman men ännu inte byggda för omgången; omgångens facilitator bygger dem.",
        never_clustered: "Omgångens teman har inte byggts ännu",
        themes_stale: |n| {
            format!(
                "Omgångens teman är inaktuella: {} har tillkommit sedan temana byggdes och ligger utanför dem.",
                count(n as i64, "lapp", "lappar")
            )
        },
        rebuild_keeping: "Placera de nya lapparna i temana (inget annat flyttas)",
        themes_stale_ask: "Omgångens facilitator kan bygga om dem.",
        theme_actions: "Ändra temat",
        split_round_theme: "Dela temat efter innehåll",
        recurs_in: |n, total| format!("i {n} av {total} {}", plural(total as i64, "workshop", "workshoppar")),
        overview_heading: "Översikt: teman per sektor",
        overview_help: "Antal lappar per tema och sektor. Välj ett tema för att gå till dess behov och lappar.",
        total: "Totalt",
        show_notes: |n| format!("Visa {}", count(n as i64, "lapp", "lappar")),
        on_this_page: "På sidan",
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
        audit_decisions_dropped: "Beslut som inte kunde behållas vid omgruppering",
        audit_note_deleted: "Lapp flyttad till papperskorgen",
        audit_note_restored: "Lapp återställd från papperskorgen",
        anonymous_help: "Lapparna registreras per organisation: deltagarna anger inga namn.",
        file_name: "rapport",
        archive_detail: |notes, themes| {
            format!("{}, {}", count(notes as i64, "lapp", "lappar"), count(themes as i64, "tema", "teman"))
        },
        purge_detail: |notes, participants| {
            format!("{}, {}", count(notes, "lapp", "lappar"), count(participants, "deltagare", "deltagare"))
        },
        dropped_detail: |workshop, placed, names| {
            let mut parts = vec![workshop.to_string()];
            if placed > 0 {
                parts.push(format!(
                    "{} utan sitt tema",
                    count(placed as i64, "placerad lapp", "placerade lappar")
                ));
            }
            if !names.is_empty() {
                parts.push(format!("namn som försvann: {}", names.join(", ")));
            }
            parts.join(" – ")
        },
        csv_columns: [
            "Tema-id",
            "Tema",
            "Behov-id",
            "Behov",
            "Temastatus",
            "Tidigare tema",
            "Lapp-id",
            "Lapp",
            "Workshop-id",
            "Workshop",
            "Sektor",
            "Organisation",
            "Skribent",
            "Skriven",
            "Ändrad",
            "Stöd (+1)",
            "Prickar",
            "Temats röstprickar",
            "Behovets röstprickar",
            "Prioriterat område",
            "Temats namn från",
            "Behovets namn från",
        ],
        support_columns: ["Lappar", "Sektorer", "+1", "Lapprickar", "Temaröstprickar"],
        sort_by: "Sortera efter",
        sheet_names: ["Teman", "Behov", "Lappar"],
        rebuild_heading: "Vad den senaste ombyggnaden ändrade",
        rebuild_built: |when| format!("Byggd {when}, jämförd med temana före den, lapp för lapp."),
        rebuild_unchanged: |n| format!("{} med samma lappar som förut", count(n as i64, "tema", "teman")),
        rebuild_changed: |n| {
            format!("{} fick nya lappar eller miste några", count(n as i64, "tema", "teman"))
        },
        rebuild_merged: |name, from| format!("Sammanslaget: «{name}» av {}", quoted(from, "och")),
        rebuild_split: |name, into| format!("Delat: «{name}» i {}", quoted(into, "och")),
        rebuild_new: |name| format!("Nytt: «{name}»"),
        rebuild_gone: |name| format!("Borta: «{name}» (inga av dess lappar finns i något tema)"),
        priorities_heading: "Prioriteringar i korthet",
        priorities_help: "Behoven rangordnade efter hur många sektorer som tagit upp dem och efter stöd. En sektor räknas när den skrivit minst så många lappar i behovet som du anger. Markera de behov som ska bli prioriterade områden: de står först i rapporten och i varje export.",
        priorities_help_read: "Behoven rangordnade efter hur många sektorer som tagit upp dem och efter stöd. En sektor räknas när den skrivit minst så många lappar i behovet som du anger. Omgångens facilitator markerar prioriterade områden.",
        sector_threshold: "Lappar som krävs per sektor",
        sectors_raising: |n| format!("Sektorer (minst {})", count(n as i64, "lapp", "lappar")),
        sector_names: "Vilka sektorer",
        show_all_needs: |n| format!("Visa alla {n} behov"),
        priority_areas_heading: "Prioriterade områden",
        priority_area: "Prioriterat område",
        priority_yes: "ja",
        no_priority_areas: "Inga prioriterade områden är markerade ännu.",
        mark_priority: |name| format!("Markera «{name}» som prioriterat område"),
        unmark_priority: |name| format!("Ta bort «{name}» från de prioriterade områdena"),
        priority_gone: "finns inte längre bland omgångens behov och teman (temana byggdes om): markera det som ersatt det",
        need_in_theme: |theme| format!("behov i temat «{theme}»"),
        audit_priority_area: "Prioriterat område",
        priority_detail: |name, marked| {
            if marked {
                format!("markerade «{name}»")
            } else {
                format!("tog bort markeringen av «{name}»")
            }
        },
    },
    error,
};

/// How Swedish words each error.
fn error(error: &AppError) -> String {
    match error {
        AppError::NoteEmpty => "Lappen är tom. Skriv något först.".into(),
        AppError::TooLong { field, max } => format!("{} får vara högst {max} tecken.", field_name(*field)),
        AppError::TooMany { field, max } => format!("{} får vara högst {max} stycken.", field_name(*field)),
        AppError::TooShort { field, min } => format!("{} ska vara minst {min} tecken.", field_name(*field)),
        AppError::Invalid { field: Field::PasswordRepeat } => {
            "Lösenorden är inte likadana. Skriv samma lösenord två gånger.".into()
        }
        AppError::Invalid { field: Field::CurrentPassword } => "Det nuvarande lösenordet är fel.".into(),
        AppError::Required { field } => format!("{} måste fyllas i.", field_name(*field)),
        AppError::Invalid { field: Field::Dots } => {
            format!("Antalet prickar ska vara 1–{}.", crate::model::vote::DOTS_MAX)
        }
        AppError::Invalid { field: Field::Date } => "Datumet ska skrivas ÅÅÅÅ-MM-DD.".into(),
        AppError::Invalid { field: Field::Note } => {
            "Lappen innehåller osynliga styrtecken. Ta bort dem och försök igen.".into()
        }
        AppError::Invalid { field: which } => format!("{} är inte {}.", field_name(*which), valid(*which)),
        AppError::InvisibleCharacters { field } => format!(
            "Osynliga tecken och tecken som ändrar skrivriktningen är inte tillåtna i {}. \
             Skriv om texten utan dem.",
            field_name(*field).to_lowercase()
        ),
        AppError::UnknownCode => "Ingen workshop har den koden. Kontrollera koden och försök igen.".into(),
        AppError::NotFound => "Det finns inte (längre).".into(),
        AppError::WorkshopLocked => {
            "Workshoppen är låst. Lappar kan inte längre läggas till eller ändras.".into()
        }
        AppError::NotJoined => "Gå med i workshoppen först.".into(),
        AppError::NotSignedIn => "Logga in först.".into(),
        AppError::UnknownCookie => {
            "Webbläsarens session kom inte från den här servern och har glömts. Ladda om sidan.".into()
        }
        AppError::WrongCredentials => "Fel e-postadress eller lösenord.".into(),
        AppError::SetupLinkInvalid => {
            "Länken för att skapa administratören gäller inte (redan använd eller för gammal).".into()
        }
        AppError::EmailTaken => "Det finns redan ett konto med den e-postadressen.".into(),
        AppError::UnknownAccount => "Inget aktivt konto har den e-postadressen.".into(),
        AppError::Forbidden => "Det får du inte göra.".into(),
        AppError::TooFewToSplit => "Ett tema behöver minst två lappar för att delas.".into(),
        AppError::NothingToUndo => "Det finns inget att ångra.".into(),
        AppError::ThemesChanged => {
            "Temana ändrades medan klustringen pågick, så den sparades inte och ändringarna står kvar. Klustra igen.".into()
        }
        AppError::OwnNote => "Du kan inte ge +1 till din egen lapp.".into(),
        AppError::NoDotsLeft { dots: 1 } => {
            "Du har redan satt din prick. Ta tillbaka den för att flytta den.".into()
        }
        AppError::NoDotsLeft { dots } => {
            format!("Du har redan satt alla dina {dots} prickar. Ta tillbaka en prick för att flytta den.")
        }
        AppError::VoteClosed => "Röstningen är stängd.".into(),
        AppError::VoteAlreadyOpen => "En röstning pågår redan. Avsluta den innan du startar en ny.".into(),
        AppError::NoThemesToVoteOn => "Det finns inga teman att rösta på. Klustra lapparna först.".into(),
        AppError::ArchiveFirst => {
            "Exportera arkivet först: lapparna har ändrats sedan det senaste arkivet.".into()
        }
        AppError::Malformed => "Förfrågan kunde inte läsas.".into(),
        AppError::CrossSite => "Förfrågan kom från en annan webbplats och avvisades. \
             Öppna Klustra direkt och försök igen."
            .into(),
        AppError::TooLarge { max } => {
            format!("Förfrågan är för stor. Servern tar emot högst {} kB.", max / 1024)
        }
        AppError::TooManyRequests { retry_after } => {
            format!("För många förfrågningar på kort tid. Vänta {retry_after} s och försök igen.")
        }
        AppError::Internal => "Något gick fel på servern. Försök igen om en stund.".into(),
    }
}

/// A field's name as the Swedish form shows it.
fn field_name(field: Field) -> &'static str {
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

/// "giltig" agreeing with the field's name: neuter names take "giltigt", plural ones "giltiga".
fn valid(field: Field) -> &'static str {
    use Field::*;
    match field {
        Date | Name | Minutes | Theme | Format | Dots | Password | PasswordRepeat | CurrentPassword => {
            "giltigt"
        }
        Prompts => "giltiga",
        Note | Title | Sector | Organisation | Code | Group | Granularity | PreviousRound | Email | Role => {
            "giltig"
        }
    }
}
