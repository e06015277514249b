//! The revision report as HTML: the [`ReportArticle`] component the analyst's page shows,
//! and the standalone, printable document the HTML export downloads (print to PDF gives
//! clean pages), rendered from the same component on the server. One view for both, so the
//! page and the export cannot drift apart; Leptos escapes every text and attribute.

use leptos::either::Either;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::i18n::Lang;
use crate::model::report::NameFrom;
use crate::model::report::{Continuity, Counterpart, Report, ReportNote, ReportScope, ReportTheme};
use crate::model::swedish_time::display_time;
use crate::texts::ReportTexts;
use crate::ui::charts::{BarChart, Heatmap};
use crate::ui::fold::Fold;
use crate::ui::name_from::name_from_line;
use crate::ui::support::support_line;

/// Where a round's theme or need got its name, as a quiet line; a workshop's own report
/// says nothing (its names are its facilitator's or its notes', as the workshop showed them).
fn name_from(report: &Report, from: &NameFrom, t: &'static ReportTexts) -> Option<impl IntoView + use<>> {
    matches!(report.scope, ReportScope::Round)
        .then(|| view! { <p class="meta name-from" data-testid="name-from">{name_from_line(from, t)}</p> })
}

/// The report's stylesheet: served at `/report.css` for the page and inlined in exports.
pub const REPORT_CSS: &str = include_str!("../../../style/report.css");

/// How many themes the bar chart shows.
pub const BAR_CHART_THEMES: usize = 12;

/// The report's title: what it covers and its name.
pub fn title(report: &Report, t: &ReportTexts) -> String {
    match report.scope {
        ReportScope::Round => format!("{}: {}", t.round_report, report.round.title),
        ReportScope::Workshop { workshop_id } => {
            let name = report.workshop(workshop_id).map(|w| w.title.as_str()).unwrap_or_default();
            format!("{}: {name}", t.workshop_report)
        }
    }
}

/// The label of a theme's comparison with the previous round, if it was compared.
pub fn continuity_label(continuity: &Continuity, t: &ReportTexts) -> Option<String> {
    match continuity {
        Continuity::NotCompared => None,
        Continuity::New => Some(t.status_new.to_string()),
        Continuity::Recurring { previous } => {
            Some(format!("{} ({}: {})", t.status_recurring, t.previously, counterparts_text(previous, t)))
        }
    }
}

/// A theme's counterparts in the previous round, each with how alike it is and how many of
/// its notes match a note of this theme: `«X» 0,62 (8 av 18 lappar matchar), «Y» 0,48`. The
/// count is left out when none does (the pair was found by this theme's notes pointing back,
/// or by the centroids alone).
pub fn counterparts_text(previous: &[Counterpart], t: &ReportTexts) -> String {
    let each = previous.iter().map(|c| {
        let similarity = (t.similarity)(c.similarity);
        match c.notes_here {
            0 => format!("«{}» {similarity}", c.name),
            here => format!("«{}» {similarity} ({})", c.name, (t.notes_here)(here, c.notes)),
        }
    });
    each.collect::<Vec<_>>().join(", ")
}

/// A theme's notes counted per workshop, sector and organisation, each as (heading,
/// "label n, label n"), with `escape` applied to the labels (Markdown's; the HTML view
/// passes them as they are, Leptos escapes its text).
pub fn count_lines(
    report: &Report,
    theme: &ReportTheme,
    t: &ReportTexts,
    escape: impl Fn(&str) -> String,
) -> [(&'static str, String); 3] {
    let per_workshop: Vec<String> = report
        .counts_per_workshop(theme)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .filter_map(|(id, n)| report.workshop(id).map(|w| format!("{} {n}", escape(&w.title))))
        .collect();
    let ranked = |counts: Vec<crate::model::report::Count>| -> String {
        counts.iter().map(|c| format!("{} {}", escape(&c.label), c.notes)).collect::<Vec<_>>().join(", ")
    };
    [
        (t.per_workshop, per_workshop.join(", ")),
        (t.per_sector, ranked(report.counts_per_sector(theme))),
        (t.per_organisation, ranked(report.counts_per_organisation(theme, t.no_organisation))),
    ]
}

/// Where a note came from, as one line: workshop · sector · organisation · name · time.
pub fn provenance(report: &Report, note: &ReportNote, t: &ReportTexts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(workshop) = report.workshop(note.workshop_id) {
        parts.push(workshop.title.clone());
        parts.push(workshop.sector.clone());
    }
    parts.extend(note.organisation.clone());
    parts.extend(note.author.clone());
    parts.push(display_time(note.created_at));
    if note.supporters > 0 {
        parts.push(format!("{} {}", t.supporters, note.supporters));
    }
    if note.dots > 0 {
        parts.push(format!("{}: {}", t.dots, note.dots));
    }
    parts.join(" · ")
}

/// The report as an `<article>`, for the analyst's page and the exported document.
///
/// `folded`: each need's (and theme's) notes behind a click, rendered only when first
/// opened, as on the analyst's page, where 800 notes in full made the page heavy and slow
/// to become usable. The exported document leaves it off: a file to print holds every note.
#[component]
pub fn ReportArticle(
    report: Report,
    t: &'static ReportTexts,
    #[prop(optional)] folded: bool,
) -> impl IntoView {
    let mut meta = format!(
        "{}: {} · {}: {}",
        t.round,
        report.round.title,
        t.generated,
        display_time(report.generated_at)
    );
    if let Some(previous) = &report.previous_round {
        meta.push_str(&format!(" · {}: {}", t.compared_with, previous.title));
    }
    let anonymous = report.workshops.iter().any(|w| w.anonymous);
    let without: Vec<&ReportNote> = report.notes_without_theme();
    let without = (!without.is_empty()).then(|| {
        view! {
            <section class="report-section">
                <h2>{format!("{} ({})", t.without_theme, without.len())}</h2>
                {notes_block(&report, without, t, folded)}
            </section>
        }
    });
    let gone = (!report.no_longer_mentioned.is_empty()).then(|| {
        let items = report
            .no_longer_mentioned
            .iter()
            .map(|theme| {
                view! {
                    <li>
                        <span class="status status-gone">{t.status_gone}</span>
                        {format!(" {} ({}) ", theme.name, (t.notes_n)(theme.note_count))}
                        <span class="meta">{format!("{}: {}", t.theme_id, theme.id)}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="report-section">
                <h2>{t.no_longer_mentioned}</h2>
                <ul>{items}</ul>
            </section>
        }
    });
    view! {
        <article class="report">
            <header>
                <h1>{title(&report, t)}</h1>
                <p class="meta">{meta}</p>
                {anonymous.then(|| view! { <p class="meta">{t.anonymous_note}</p> })}
            </header>
            {crate::ui::priority_areas::priority_area_section(&report, t)}
            {overview(&report, t)}
            {workshops_table(&report, t)}
            {charts(&report, t)}
            {themes(&report, t, folded)}
            {without}
            {gone}
        </article>
    }
}

fn workshops_table(report: &Report, t: &'static ReportTexts) -> impl IntoView + use<> {
    let rows = report
        .workshops
        .iter()
        .enumerate()
        .map(|(i, workshop)| {
            let notes = report.notes.iter().filter(|n| n.workshop_id == workshop.id).count();
            let anonymous = if workshop.anonymous { format!(" ({})", t.anonymous) } else { String::new() };
            view! {
                <tr>
                    <td>{i + 1}</td>
                    <td>{format!("{}{anonymous}", workshop.title)}</td>
                    <td>{workshop.sector.clone()}</td>
                    <td>{workshop.held_on.map(|day| day.to_string())}</td>
                    <td>{notes}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="report-section">
            <h2>{t.workshops_heading}</h2>
            <table class="report-table">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t.workshop}</th>
                        <th scope="col">{t.sector}</th>
                        <th scope="col">{t.date}</th>
                        <th scope="col">{t.notes}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

fn charts(report: &Report, t: &'static ReportTexts) -> impl IntoView + use<> {
    let largest = report.largest_themes(BAR_CHART_THEMES);
    if largest.is_empty() {
        return None;
    }
    let heatmap = matches!(report.scope, ReportScope::Round).then(|| {
        view! {
            <figure>
                <figcaption>{t.heatmap_title}</figcaption>
                <Heatmap title=t.heatmap_title report=report.clone()/>
            </figure>
        }
    });
    Some(view! {
        <section class="report-section report-charts">
            <figure>
                <figcaption>{t.bar_chart_title}</figcaption>
                <BarChart title=t.bar_chart_title bars=largest/>
            </figure>
            {heatmap}
        </section>
    })
}

/// The report's opening map: each theme's notes per sector (every sector a column, its
/// name whole), the theme's name a link to its section, so the table is also the contents.
fn overview(report: &Report, t: &'static ReportTexts) -> impl IntoView + use<> {
    if report.themes.is_empty() {
        return None;
    }
    let sectors = report.sectors();
    let headers = sectors.iter().map(|sector| view! { <th scope="col">{sector.clone()}</th> }).collect_view();
    let rows = report
        .themes
        .iter()
        .map(|theme| {
            let counts = report.counts_per_sector(theme);
            let cells = sectors
                .iter()
                .map(|sector| {
                    let notes = counts.iter().find(|c| &c.label == sector).map_or(0, |c| c.notes);
                    view! { <td class=if notes == 0 { "count zero" } else { "count" }>{notes}</td> }
                })
                .collect_view();
            let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
            let needs = (!theme.unsorted && !theme.needs.is_empty()).then(
                || view! { " "<span class="meta">{format!("({})", (t.needs_n)(theme.needs.len()))}</span> },
            );
            view! {
                <tr>
                    <th scope="row"><a href=format!("#theme-{}", theme.id)>{name.to_string()}</a>{needs}</th>
                    {cells}
                    <td class="count">{theme.note_ids.len()}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="report-section report-overview" aria-labelledby="report-overview">
            <h2 id="report-overview">{t.overview_heading}</h2>
            <p class="meta">{t.overview_help}</p>
            <div class="table-scroll">
                <table class="report-table overview-table" data-testid="overview">
                    <thead>
                        <tr>
                            <th scope="col">{t.theme}</th>
                            {headers}
                            <th scope="col">{t.total}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    })
}

fn themes(report: &Report, t: &'static ReportTexts, folded: bool) -> impl IntoView + use<> {
    let sections = report.themes.iter().map(|theme| theme_section(report, theme, t, folded)).collect_view();
    view! {
        <section class="report-section">
            <h2>{format!("{} ({})", t.themes_heading, report.themes.len())}</h2>
            {report.themes.is_empty().then(|| view! { <p>{t.not_clustered}</p> })}
            {sections}
        </section>
    }
}

fn theme_section(
    report: &Report,
    theme: &ReportTheme,
    t: &'static ReportTexts,
    folded: bool,
) -> impl IntoView + use<> {
    let name = if theme.unsorted { t.unsorted } else { theme.name.as_str() };
    let grouped = !theme.unsorted && !theme.needs.is_empty();
    let needs = if grouped { format!(", {}", (t.needs_n)(theme.needs.len())) } else { String::new() };
    let status = continuity_label(&theme.continuity, t).map(|label| {
        let class = match theme.continuity {
            Continuity::New => "status status-new",
            _ => "status status-recurring",
        };
        view! { " "<span class=class>{label}</span> }
    });
    let terms = (!theme.terms.is_empty())
        .then(|| view! { <p class="meta">{format!("{}: {}", t.terms, theme.terms.join(", "))}</p> });
    let counts = count_lines(report, theme, t, str::to_string)
        .into_iter()
        .map(|(heading, counts)| view! { <dt>{heading}</dt><dd>{counts}</dd> })
        .collect_view();
    let notes = if grouped {
        let needs = report
            .need_groups(theme)
            .into_iter()
            .map(|(need, notes)| {
                let name = need.map_or(t.without_need, |need| need.name.as_str());
                let terms = need.filter(|need| !need.terms.is_empty()).map(
                    |need| view! { <p class="meta">{format!("{}: {}", t.terms, need.terms.join(", "))}</p> },
                );
                view! {
                    <section class="report-need" id=need.map(|need| format!("need-{}", need.id))>
                        <h4>
                            <span class="need-label">{format!("{}:", t.need)}</span>
                            {format!(" {name} ")}
                            <span class="count">{format!("({})", (t.notes_n)(notes.len()))}</span>
                        </h4>
                        {need.map(|need| view! {
                            <p class="meta support" data-testid="need-support">{support_line(&need.support, t)}</p>
                            {name_from(report, &need.name_from, t)}
                        })}
                        {terms}
                        {notes_block(report, notes, t, folded)}
                    </section>
                }
            })
            .collect_view();
        Either::Left(needs)
    } else {
        Either::Right(notes_block(report, report.theme_notes(theme).collect(), t, folded))
    };
    view! {
        <section class="report-theme" id=format!("theme-{}", theme.id)>
            <h3>
                {format!("{name} ")}
                <span class="count">{format!("({}{needs})", (t.notes_n)(theme.note_ids.len()))}</span>
                {status}
            </h3>
            <p class="meta support" data-testid="theme-support">{support_line(&theme.support, t)}</p>
            {(!theme.unsorted).then(|| name_from(report, &theme.name_from, t))}
            {terms}
            <dl class="counts">{counts}</dl>
            {notes}
            <p class="meta theme-id">{format!("{}: {}", t.theme_id, theme.id)}</p>
        </section>
    }
}

/// Notes in full, or, `folded`, behind a click that renders them when first opened.
fn notes_block(
    report: &Report,
    notes: Vec<&ReportNote>,
    t: &'static ReportTexts,
    folded: bool,
) -> impl IntoView + use<> {
    // Each note as its text and provenance: what the list shows, and all a folded list keeps.
    let notes: Vec<(String, String)> =
        notes.into_iter().map(|note| (note.text.clone(), provenance(report, note, t))).collect();
    if !folded {
        return Either::Left(notes_list(notes));
    }
    let summary = (t.show_notes)(notes.len());
    let notes = StoredValue::new(notes);
    Either::Right(view! {
        <Fold class="report-notes-fold" summary contents=move || notes_list(notes.get_value())/>
    })
}

fn notes_list(notes: Vec<(String, String)>) -> impl IntoView + use<> {
    let items = notes
        .into_iter()
        .map(|(text, provenance)| {
            view! {
                <li>
                    <p class="note-text">{text}</p>
                    <p class="provenance">{provenance}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="report-notes">{items}</ul> }
}

/// The report as a standalone HTML document with its stylesheet inlined, for download
/// and printing: the page's [`ReportArticle`] rendered on the server.
///
/// Without the empty comments (`<!>`) Leptos leaves between texts for hydration: no script
/// hydrates this file, and inside `<title>` (raw text) they would show in the window title
/// and the printed page's header. Rendered text escapes every `<`, so no text holds one.
#[cfg(feature = "ssr")]
pub fn document(report: &Report, lang: Lang) -> String {
    let t = lang.report_texts();
    let view = view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{title(report, t)}</title>
                <style>{REPORT_CSS}</style>
            </head>
            <body>
                <ReportArticle report=report.clone() t/>
            </body>
        </html>
    };
    view.to_html().replace(HYDRATION_MARKER, "")
}

/// The placeholder Leptos renders for a view that may later hold nodes.
#[cfg(feature = "ssr")]
const HYDRATION_MARKER: &str = "<!>";

#[cfg(all(test, feature = "ssr"))]
mod tests {

    use super::*;
    use crate::model::ids::fixed_id as id;
    use crate::model::ids::{NeedId, ThemeId};
    use crate::model::report::{ReportNeed, ReportWorkshop, RoundRef, Support, ThemeVoteDots};

    const MARKUP: &str = r#"<script>alert(1)</script> & "citat" 'enkel'"#;
    /// How [`MARKUP`] reads escaped as element content.
    const MARKUP_ESCAPED: &str = r#"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "citat" 'enkel'"#;

    fn note(n: u128, text: &str) -> ReportNote {
        ReportNote {
            id: id(n),
            workshop_id: id(1),
            text: text.into(),
            author: Some("Anna Andersson".into()),
            organisation: Some("Region Syd & Skåne".into()),
            created_at: "2026-11-23T10:00:00Z".parse().unwrap(),
            edited_at: None,
            supporters: 0,
            dots: 2,
        }
    }

    /// A round with one theme of two needs, compared with the previous round.
    fn sample() -> Report {
        let mut report = Report {
            format_version: crate::model::report::REPORT_FORMAT_VERSION,
            scope: ReportScope::Round,
            round: RoundRef { id: id(900), title: "Höst <2026>".into() },
            previous_round: Some(RoundRef { id: id(901), title: "Vår".into() }),
            generated_at: "2026-11-23T12:00:00Z".parse().unwrap(),
            priority_areas: vec![],
            workshops: vec![ReportWorkshop {
                id: id(1),
                title: "Vård & omsorg".into(),
                sector: "Hälsa".into(),
                held_on: None,
                anonymous: false,
            }],
            themes: vec![ReportTheme {
                id: id(100),
                name: "Säker inloggning".into(),
                name_from: NameFrom::Facilitator { workshop_id: id(1), workshop: "Vård & omsorg".into() },
                terms: vec!["inloggning".into()],
                unsorted: false,
                continuity: Continuity::Recurring {
                    previous: vec![Counterpart {
                        id: id(700),
                        name: "E-legitimation".into(),
                        similarity: 0.62,
                        notes_here: 4,
                        notes: 9,
                    }],
                },
                note_ids: vec![id(10), id(11), id(12)],
                needs: vec![ReportNeed {
                    id: id(110),
                    name: "Inloggning för personal".into(),
                    name_from: NameFrom::Notes,
                    terms: vec![],
                    note_ids: vec![id(10), id(11)],
                    theme_votes: vec![],
                    support: Support::default(),
                }],
                theme_votes: vec![ThemeVoteDots { workshop_id: id(1), theme_id: id(500), dots: 4 }],
                support: Support::default(),
            }],
            notes: vec![note(10, MARKUP), note(11, "E-legitimation för medarbetare"), note(12, "Tvåfaktor")],
            no_longer_mentioned: vec![],
        };
        report.tally();
        report
    }

    /// The article as the server renders it into the analyst's page.
    fn page(report: Report, lang: Lang) -> String {
        let t = lang.report_texts();
        view! { <ReportArticle report t/> }.to_html()
    }

    #[test]
    fn markup_in_a_note_is_shown_as_text_on_the_page_and_in_the_export() {
        let page = page(sample(), Lang::Sv);
        let export = document(&sample(), Lang::Sv);
        for html in [&page, &export] {
            assert!(html.contains(&format!(r#"<p class="note-text">{MARKUP_ESCAPED}"#)), "{html}");
            assert!(!html.contains("<script>"), "{html}");
            assert!(html.contains("Höst &lt;2026&gt;"), "the round's title too: {html}");
            assert!(html.contains("Region Syd &amp; Skåne · Anna Andersson"), "and the provenance: {html}");
        }
    }

    #[test]
    fn the_export_is_the_pages_article_in_a_printable_document() {
        let export = document(&sample(), Lang::En);
        let t = Lang::En.report_texts();
        assert!(
            export.starts_with(r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">"#),
            "{export}"
        );
        assert!(
            export.contains(&format!("<title>{}: Höst &lt;2026&gt;</title>", t.round_report)),
            "{export}"
        );
        assert!(export.contains("@media print"), "the stylesheet is inlined");
        assert!(!export.contains(HYDRATION_MARKER), "no hydration markers in a file nothing hydrates");
        let article = page(sample(), Lang::En).replace(HYDRATION_MARKER, "");
        assert!(export.contains(&format!("<body>{article}</body>")), "the same article as the page");
    }

    #[test]
    fn a_round_says_where_each_theme_and_need_name_came_from_a_workshop_report_does_not() {
        let html = page(sample(), Lang::Sv);
        assert!(html.contains(">namn från facilitatorn i «Vård &amp; omsorg»<"), "{html}");
        assert!(html.contains(">namn från lapparna<"), "{html}");
        let english = page(sample(), Lang::En);
        assert!(english.contains(">name from the facilitator in «Vård &amp; omsorg»<"), "{english}");
        let workshop = Report { scope: ReportScope::Workshop { workshop_id: id(1) }, ..sample() };
        assert!(!page(workshop, Lang::Sv).contains("name-from"), "its names are its own");
    }

    #[test]
    fn a_theme_shows_its_comparison_dots_counts_and_needs() {
        let html = document(&sample(), Lang::Sv);
        let t = Lang::Sv.report_texts();
        let heading = format!(
            r#"<h3>Säker inloggning <span class="count">(3 {}, 1 {})</span> <span class="status status-recurring">{} ({}: «E-legitimation» 0,62 (4 av 9 lappar matchar))</span></h3>"#,
            t.notes, t.needs, t.status_recurring, t.previously
        );
        assert!(html.contains(&heading), "{html}");
        // Three notes of one sector, 6 note dots, the theme vote's 4 dots once for the theme.
        let [notes, sectors, plus, note_dots, theme_dots] = t.support_columns;
        let theme_support = format!("{notes} 3 · {sectors} 1 · {plus} 0 · {note_dots} 6 · {theme_dots} 4");
        assert!(
            html.contains(&format!(
                r#"data-testid="theme-support" class="meta support">{theme_support}</p>"#
            )),
            "{html}"
        );
        let need_support = format!("{notes} 2 · {sectors} 1 · {plus} 0 · {note_dots} 4 · {theme_dots} 0");
        assert!(
            html.contains(&format!(r#"data-testid="need-support" class="meta support">{need_support}</p>"#)),
            "{html}"
        );
        assert!(html.contains(&format!("<dt>{}</dt><dd>Vård &amp; omsorg 3</dd>", t.per_workshop)), "{html}");
        let need = format!(
            r#"<section id="need-{}" class="report-need"><h4><span class="need-label">{}:</span> Inloggning för personal <span class="count">(2 {})</span></h4>"#,
            id::<NeedId>(110),
            t.need,
            t.notes
        );
        assert!(html.contains(&need), "{html}");
        assert!(html.contains(&format!("{} <span", t.without_need)), "the note outside the needs: {html}");
    }

    #[test]
    fn the_page_folds_the_notes_behind_a_click_and_the_export_holds_them_all() {
        let t = Lang::Sv.report_texts();
        // The folds' signals need an owner, as on the page.
        let folded =
            Owner::new_root(None).with(|| view! { <ReportArticle report=sample() t folded=true/> }.to_html());
        for text in [MARKUP_ESCAPED, "E-legitimation för medarbetare", "Tvåfaktor"] {
            assert!(!folded.contains(text), "not rendered until opened: {folded}");
        }
        // The need's two notes and the one outside the needs, each behind its own summary.
        assert!(folded.contains(r#"<details class="report-notes-fold"><summary>Visa 2 lappar"#), "{folded}");
        assert!(folded.contains(r#"<details class="report-notes-fold"><summary>Visa 1 lapp"#), "{folded}");
        let export = document(&sample(), Lang::Sv);
        assert!(!export.contains("<details"), "the file to print shows every note open");
        for text in [MARKUP_ESCAPED, "E-legitimation för medarbetare", "Tvåfaktor"] {
            assert!(export.contains(&format!(r#"<p class="note-text">{text}</p>"#)), "{export}");
        }
    }

    #[test]
    fn the_overview_counts_each_themes_notes_per_sector_and_links_its_section() {
        let mut report = sample();
        report.workshops.push(ReportWorkshop {
            id: id(2),
            title: "Skola".into(),
            sector: "Utbildning och förskoleverksamhet i kommunerna".into(),
            held_on: None,
            anonymous: false,
        });
        report.notes[2].workshop_id = id(2);
        let html = document(&report, Lang::En);
        let t = Lang::En.report_texts();
        // Every sector's name whole as a column, the theme's name a link to its section.
        let head = format!(
            r#"<th scope="col">{}</th><th scope="col">Hälsa</th><th scope="col">Utbildning och förskoleverksamhet i kommunerna</th><th scope="col">{}</th>"#,
            t.theme, t.total
        );
        assert!(html.contains(&head), "{html}");
        let row = format!(
            r##"<th scope="row"><a href="#theme-{}">Säker inloggning</a> <span class="meta">(1 need)</span></th><td class="count">2</td><td class="count">1</td><td class="count">3</td>"##,
            id::<ThemeId>(100)
        );
        assert!(html.contains(&row), "{html}");
        assert!(
            html.contains(&format!(r#"<section id="theme-{}" class="report-theme">"#, id::<ThemeId>(100))),
            "{html}"
        );
    }
}
