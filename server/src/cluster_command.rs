//! `klustra cluster`: clusters a JSONL file of notes and writes one line per note, so any
//! labelled data set can be scored with `tools/clusterbench.py`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::clustering::{self, Constraints, Language, NoteInput, Settings};

/// Arguments of `klustra cluster`.
#[derive(clap::Args, Debug)]
pub struct ClusterArgs {
    /// JSONL input, one `{"id": ..., "text": ...}` per line (other fields are ignored).
    #[arg(long)]
    pub input: PathBuf,
    /// JSONL output, one `{"id": ..., "cluster": ..., "theme": ...}` per input note.
    #[arg(long)]
    pub output: PathBuf,
    /// Exact number of themes (otherwise found by the similarity threshold).
    #[arg(long)]
    pub themes: Option<usize>,
    /// Similarity threshold (default: the tuned one).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Language of all notes (default: detected per note).
    #[arg(long, value_parser = parse_language)]
    pub language: Option<Language>,
    /// Centroid cosine from which themes are merged (default: the tuned one).
    #[arg(long)]
    pub merge_threshold: Option<f32>,
    /// Centroid cosine a note needs to stay in a theme (default: the tuned one).
    #[arg(long)]
    pub attach_threshold: Option<f32>,
    /// Smallest theme; smaller groups go to the unsorted group.
    #[arg(long)]
    pub min_theme_size: Option<usize>,
    /// Smallest theme as a share of all notes.
    #[arg(long)]
    pub min_theme_share: Option<f32>,
}

#[derive(Deserialize)]
struct InputLine {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct OutputLine<'a> {
    id: &'a str,
    cluster: usize,
    theme: &'a str,
}

fn parse_language(value: &str) -> Result<Language, String> {
    match value {
        "sv" => Ok(Language::Swedish),
        "en" => Ok(Language::English),
        other => Err(format!("unknown language {other:?} (use sv or en)")),
    }
}

/// Reads notes, clusters them and writes the assignment; the unsorted group is one cluster.
pub fn run(args: &ClusterArgs) -> anyhow::Result<()> {
    let reader =
        BufReader::new(File::open(&args.input).with_context(|| format!("opening {}", args.input.display()))?);
    let mut notes = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", args.input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: InputLine = serde_json::from_str(&line)
            .with_context(|| format!("{} line {}", args.input.display(), number + 1))?;
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        notes.push(NoteInput { id, text: parsed.text });
    }

    let defaults = Settings::default();
    let settings = Settings {
        threshold: args.threshold.unwrap_or(defaults.threshold),
        target_themes: args.themes,
        language: args.language,
        min_theme_size: args.min_theme_size.unwrap_or(defaults.min_theme_size),
        min_theme_share: args.min_theme_share.unwrap_or(defaults.min_theme_share),
        merge_threshold: args.merge_threshold.unwrap_or(defaults.merge_threshold),
        attach_threshold: args.attach_threshold.unwrap_or(defaults.attach_threshold),
        ..defaults
    };
    let result = clustering::cluster(&notes, &settings, &Constraints::default());

    let mut out = BufWriter::new(
        File::create(&args.output).with_context(|| format!("creating {}", args.output.display()))?,
    );
    for (cluster, theme) in result.themes.iter().enumerate() {
        for id in &theme.note_ids {
            let line = OutputLine { id, cluster, theme: &theme.name };
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
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
            threshold: None,
            language: Some(Language::Swedish),
            merge_threshold: None,
            attach_threshold: None,
            min_theme_size: Some(2),
            min_theme_share: None,
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
    fn rejects_unknown_language() {
        assert!(parse_language("de").is_err());
        assert_eq!(parse_language("en"), Ok(Language::English));
    }
}
