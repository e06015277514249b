//! `klustra cluster`: clusters a JSONL file of notes and writes one line per note, so any
//! labelled data set can be scored with `tools/clusterbench.py`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::clustering::{self, Clustering, Constraints, Language, NoteInput, Settings};

/// Arguments of `klustra cluster`.
#[derive(clap::Args, Debug)]
pub struct ClusterArgs {
    /// JSONL input, one `{"id": ..., "text": ...}` per line, optionally with a stored
    /// `"vector": [...]` (other fields are ignored).
    #[arg(long)]
    pub input: PathBuf,
    /// JSONL output, one `{"id", "cluster", "need", "theme", "need_name"}` per input note:
    /// `cluster` numbers the theme, `need` the need (across themes), then their names.
    #[arg(long)]
    pub output: PathBuf,
    /// Exact number of themes (otherwise found from the notes).
    #[arg(long)]
    pub themes: Option<usize>,
    /// Exact number of needs (otherwise found by the need threshold).
    #[arg(long)]
    pub needs: Option<usize>,
    /// Without `--themes`: 0 = fewer, broader themes, 1 = more, narrower ones (default 0.5).
    #[arg(long)]
    pub granularity: Option<f32>,
    /// Need threshold (default: the tuned one).
    #[arg(long)]
    pub need_threshold: Option<f32>,
    /// Similarity from which needs of one theme become one (default: the tuned one).
    #[arg(long)]
    pub need_merge_threshold: Option<f32>,
    /// Weight of meaning against words, 0 to 1 (default: the tuned one).
    #[arg(long)]
    pub semantic_weight: Option<f32>,
    /// Language of all notes (default: detected per note).
    #[arg(long, value_parser = parse_language)]
    pub language: Option<Language>,
    /// Smallest theme without `--themes`; smaller groups dissolve.
    #[arg(long)]
    pub min_theme_size: Option<usize>,
    /// Smallest theme as a share of all notes.
    #[arg(long)]
    pub min_theme_share: Option<f32>,
    /// The sentence model; without the file, notes without a stored vector are clustered
    /// by their words alone (with one warning).
    #[arg(long, env = "KLUSTRA_EMBEDDING_MODEL", default_value = "models/e5-small-q4.bin")]
    pub embedding_model: PathBuf,
}

#[derive(Deserialize)]
struct InputLine {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    vector: Option<Vec<f32>>,
}

#[derive(Serialize)]
struct OutputLine<'a> {
    id: &'a str,
    cluster: usize,
    need: usize,
    theme: &'a str,
    need_name: &'a str,
}

fn parse_language(value: &str) -> Result<Language, String> {
    match value {
        "sv" => Ok(Language::Swedish),
        "en" => Ok(Language::English),
        other => Err(format!("unknown language {other:?} (use sv or en)")),
    }
}

/// Reads notes (with any stored vectors), gives the others a sentence vector when the model
/// is there, clusters them and writes the assignment; the unsorted group is one cluster.
pub fn run(args: &ClusterArgs) -> anyhow::Result<()> {
    let mut notes = read_notes(&args.input)?;
    check_counts(args.themes, args.needs, notes.len())?;
    if notes.iter().any(|n| n.vector.is_none()) {
        add_vectors(&mut notes, &args.embedding_model)?;
    }
    let result = clustering::cluster(&notes, &settings(args), &Constraints::default());
    write_result(&args.output, &result)
}

/// Refuses counts that no grouping of `notes` notes can meet, before any work (and before
/// the output is written): each is exact, so one that cannot be met is an error, not a
/// quiet other number.
fn check_counts(themes: Option<usize>, needs: Option<usize>, notes: usize) -> anyhow::Result<()> {
    for (flag, count) in [("--themes", themes), ("--needs", needs)] {
        if let Some(count) = count {
            anyhow::ensure!(count >= 1, "{flag} must be at least 1");
            anyhow::ensure!(
                count <= notes,
                "{flag} {count} asks for more groups than there are notes ({notes})"
            );
        }
    }
    if let (Some(themes), Some(needs)) = (themes, needs) {
        anyhow::ensure!(
            needs >= themes,
            "--needs {needs} is fewer than --themes {themes}: every theme holds at least one need"
        );
    }
    Ok(())
}

/// Embeds the notes that have no vector with the model at `path`; a missing file leaves
/// them to their words, with one warning.
fn add_vectors(notes: &mut [NoteInput], path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        tracing::warn!(
            model = %path.display(),
            "no sentence model: clustering by words alone (install it with `bash scripts/run.sh` or set --embedding-model)"
        );
        return Ok(());
    }
    let model =
        embed::Model::load(path).with_context(|| format!("loading the sentence model {}", path.display()))?;
    let missing: Vec<usize> = (0..notes.len()).filter(|&i| notes[i].vector.is_none()).collect();
    let texts: Vec<&str> = missing.iter().map(|&i| notes[i].text.as_str()).collect();
    let vectors = model.par_embed_batch(&texts);
    for (i, vector) in missing.into_iter().zip(vectors) {
        notes[i].vector = Some(vector);
    }
    Ok(())
}

/// The settings the arguments ask for, defaults elsewhere.
fn settings(args: &ClusterArgs) -> Settings {
    let defaults = Settings::default();
    Settings {
        granularity: args.granularity.unwrap_or(defaults.granularity),
        need_threshold: args.need_threshold.unwrap_or(defaults.need_threshold),
        need_merge_threshold: args.need_merge_threshold.unwrap_or(defaults.need_merge_threshold),
        target_themes: args.themes,
        target_needs: args.needs,
        language: args.language,
        semantic_weight: args.semantic_weight.unwrap_or(defaults.semantic_weight),
        min_theme_size: args.min_theme_size.unwrap_or(defaults.min_theme_size),
        min_theme_share: args.min_theme_share.unwrap_or(defaults.min_theme_share),
        ..defaults
    }
}

fn read_notes(path: &Path) -> anyhow::Result<Vec<NoteInput>> {
    let reader = BufReader::new(File::open(path).with_context(|| format!("opening {}", path.display()))?);
    let mut notes = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: InputLine =
            serde_json::from_str(&line).with_context(|| format!("{} line {}", path.display(), number + 1))?;
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        notes.push(NoteInput { id, text: parsed.text, vector: parsed.vector });
    }
    Ok(notes)
}

fn write_result(path: &Path, result: &Clustering) -> anyhow::Result<()> {
    let mut out = BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let mut need = 0;
    for (cluster, theme) in result.themes.iter().enumerate() {
        for n in &theme.needs {
            for id in &n.note_ids {
                let line = OutputLine { id, cluster, need, theme: &theme.name, need_name: &n.name };
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            }
            need += 1;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_line_per_note() -> anyhow::Result<()> {
        let dir = std::env::temp_dir().join(format!("klustra-cluster-command-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let input = dir.join("notes.jsonl");
        let output = dir.join("pred.jsonl");
        std::fs::write(
            &input,
            concat!(
                "{\"id\": 1, \"text\": \"Bättre samverkan mellan kommuner\", \"label\": \"x\"}\n",
                "\n",
                "{\"id\": \"b\", \"text\": \"Samverkan mellan kommunerna saknas\"}\n",
                "{\"id\": \"c\", \"text\": \"🎉\"}\n",
            ),
        )?;
        let args = ClusterArgs {
            input: input.clone(),
            output: output.clone(),
            themes: None,
            needs: None,
            granularity: None,
            need_threshold: None,
            need_merge_threshold: None,
            semantic_weight: None,
            language: Some(Language::Swedish),
            min_theme_size: Some(2),
            min_theme_share: None,
            embedding_model: dir.join("no-model.bin"),
        };
        run(&args)?;
        let lines: Vec<serde_json::Value> =
            std::fs::read_to_string(&output)?.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
        let mut ids: Vec<&str> = lines.iter().filter_map(|l| l["id"].as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["1", "b", "c"]);
        assert_eq!(lines[0]["cluster"], lines[1]["cluster"]);
        assert!(lines.iter().all(|l| l["theme"].is_string()));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn counts_that_cannot_be_met_are_refused_with_the_reason() {
        let refused = |themes, needs| check_counts(themes, needs, 72).unwrap_err().to_string();
        assert_eq!(refused(Some(0), None), "--themes must be at least 1");
        assert_eq!(refused(None, Some(0)), "--needs must be at least 1");
        assert_eq!(refused(Some(80), None), "--themes 80 asks for more groups than there are notes (72)");
        assert_eq!(refused(None, Some(100)), "--needs 100 asks for more groups than there are notes (72)");
        assert_eq!(
            refused(Some(6), Some(3)),
            "--needs 3 is fewer than --themes 6: every theme holds at least one need"
        );
        for (themes, needs) in
            [(None, None), (Some(1), Some(1)), (Some(6), Some(18)), (None, Some(72)), (Some(72), None)]
        {
            assert!(check_counts(themes, needs, 72).is_ok(), "{themes:?} {needs:?}");
        }
    }

    #[test]
    fn rejects_unknown_language() {
        assert!(parse_language("de").is_err());
        assert_eq!(parse_language("en"), Ok(Language::English));
    }
}
