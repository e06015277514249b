//! Where a report's theme and need names came from ([`NameFrom`]), decided when the report
//! is built rather than stored: a round's names are the analyst's where they renamed a
//! theme, a facilitator's where a theme or need carries up one a facilitator named in a
//! workshop (`round_themes` gives it that name), and the engine's otherwise. Reading it off
//! the workshops as they are now keeps it true for rounds built before it existed.

use app::model::ids::NoteId;
use app::model::report::{NameFrom, ReportWorkshop};
use app::model::{Need, Theme};

/// A workshop theme or need a facilitator named: a name a round's theme or need may carry.
struct Named<'a> {
    workshop: &'a ReportWorkshop,
    name: &'a str,
    note_ids: &'a [NoteId],
}

/// Who named what in one report.
pub(crate) struct NameOrigins<'a> {
    /// What a renamed (`name_locked`) theme or need of the report says.
    renamed_by: NameFrom,
    themes: Vec<Named<'a>>,
    needs: Vec<Named<'a>>,
}

impl<'a> NameOrigins<'a> {
    /// A workshop's own report: its renamed themes and needs are its facilitator's.
    pub(crate) fn of_workshop(workshop: Option<&ReportWorkshop>) -> Self {
        let renamed_by = workshop.map_or(NameFrom::Notes, |w| NameFrom::Facilitator {
            workshop_id: w.id,
            workshop: w.title.clone(),
        });
        Self { renamed_by, themes: Vec::new(), needs: Vec::new() }
    }

    /// A round's report over `workshops`, each with its themes as its facilitator left them:
    /// a round theme renamed is the analyst's.
    pub(crate) fn of_round(workshops: &'a [(ReportWorkshop, Vec<Theme>)]) -> Self {
        let mut origins = Self { renamed_by: NameFrom::Analyst, themes: Vec::new(), needs: Vec::new() };
        for (workshop, themes) in workshops {
            for theme in themes.iter().filter(|theme| !theme.unsorted) {
                if theme.name_locked {
                    origins.themes.push(Named { workshop, name: &theme.name, note_ids: &theme.note_ids });
                }
                for need in theme.needs.iter().filter(|need| need.name_locked) {
                    origins.needs.push(Named { workshop, name: &need.name, note_ids: &need.note_ids });
                }
            }
        }
        origins
    }

    /// Where `theme`'s name came from.
    pub(crate) fn theme(&self, theme: &Theme) -> NameFrom {
        self.origin((&theme.name, theme.name_locked), &theme.note_ids, &self.themes)
    }

    /// Where `need`'s name came from.
    pub(crate) fn need(&self, need: &Need) -> NameFrom {
        self.origin((&need.name, need.name_locked), &need.note_ids, &self.needs)
    }

    /// A renamed name is [`Self::renamed_by`]'s; otherwise it is the facilitator's whose
    /// group of that very name shares the most notes with it (a facilitator's name carried
    /// up), else the engine's.
    fn origin(&self, (name, renamed): (&str, bool), note_ids: &[NoteId], named: &[Named]) -> NameFrom {
        if renamed {
            return self.renamed_by.clone();
        }
        named
            .iter()
            .filter(|group| group.name == name)
            .map(|group| (group, group.note_ids.iter().filter(|id| note_ids.contains(id)).count()))
            .filter(|(_, shared)| *shared > 0)
            .max_by_key(|(_, shared)| *shared)
            .map_or(NameFrom::Notes, |(group, _)| NameFrom::Facilitator {
                workshop_id: group.workshop.id,
                workshop: group.workshop.title.clone(),
            })
    }
}
