//! Splits the browser bundle at its lazy routes (`#[lazy_route]`) into a main module and
//! chunks that the browser loads when a lazy route is first shown.
//!
//! `cargo leptos --split` does the same; this is the step for builds without cargo-leptos.
//! Usage: `split-bundle <frontend.wasm> <pkg dir> <main module URL>`. It writes
//! `<frontend>_split.wasm` beside the input (for wasm-bindgen, which must keep the linker's
//! exports the chunks import), the chunks, the loader script and the manifest into the pkg
//! dir. The server reads the manifest to preload the chunks of the page it renders.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// The loader's file name that Leptos' `HydrationScripts` looks for when files are not hashed.
const LOADER: &str = "./__wasm_split.______________________.js";
/// The manifest Leptos reads: for each split point, the chunks it needs.
const MANIFEST: &str = "__wasm_split_manifest.json";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg_dir, main_module] = args.as_slice() else {
        bail!("usage: split-bundle <frontend.wasm> <pkg dir> <main module URL>");
    };
    let input = Path::new(input);
    let pkg_dir = Path::new(pkg_dir);
    let wasm = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let main_out = split_output_path(input);

    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&wasm);
        options.output_dir = pkg_dir;
        options.main_out_path = &main_out;
        options.main_module = main_module;
        options.link_name = LOADER;
        options
    })
    .map_err(|error| anyhow::anyhow!("splitting {}: {error:#}", input.display()))?;

    let manifest = serde_json::to_string_pretty(&split.prefetch_map)?;
    std::fs::write(pkg_dir.join(MANIFEST), manifest).context("writing the split manifest")?;
    eprintln!("split the bundle into the main module and {} chunks", split.split_modules.len());
    Ok(())
}

/// `…/frontend.wasm` → `…/frontend_split.wasm`.
fn split_output_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("bundle");
    input.with_file_name(format!("{stem}_split.wasm"))
}
