//! Splits the browser bundle at its lazy routes (`#[lazy_route]`) into a main module and
//! chunks that the browser loads when a lazy route is first shown.
//!
//! `cargo leptos --split` does the same; this is the step for builds without cargo-leptos.
//! Usage: `split-bundle [--strip] <frontend.wasm> <pkg dir> <main module URL>`. It writes
//! `<frontend>_split.wasm` beside the input (for wasm-bindgen, which must keep the linker's
//! exports the chunks import), the chunks, the loader script and the manifest into the pkg
//! dir. The server reads the manifest to preload the chunks of the page it renders.
//! `--strip` drops the chunks' custom sections (function names, producers, relocations):
//! wasm-bindgen does that for the main module, but never sees the chunks, and the names
//! alone are half of a chunk's bytes.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// The loader's file name that Leptos' `HydrationScripts` looks for when files are not hashed.
const LOADER: &str = "./__wasm_split.______________________.js";
/// The manifest Leptos reads: for each split point, the chunks it needs.
const MANIFEST: &str = "__wasm_split_manifest.json";

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let strip = args.first().is_some_and(|arg| arg == "--strip");
    if strip {
        args.remove(0);
    }
    let [input, pkg_dir, main_module] = args.as_slice() else {
        bail!("usage: split-bundle [--strip] <frontend.wasm> <pkg dir> <main module URL>");
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

    if strip {
        for chunk in &split.split_modules {
            let bytes = std::fs::read(chunk)?;
            let stripped =
                without_custom_sections(&bytes).with_context(|| format!("reading {}", chunk.display()))?;
            std::fs::write(chunk, stripped)?;
        }
    }

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

/// The module without its custom sections (id 0), which the browser does not need to run it.
fn without_custom_sections(module: &[u8]) -> anyhow::Result<Vec<u8>> {
    const HEADER: usize = 8; // magic number and version
    if module.len() < HEADER || &module[..4] != b"\0asm" {
        bail!("not a WebAssembly module");
    }
    let mut kept = module[..HEADER].to_vec();
    let mut at = HEADER;
    while at < module.len() {
        let id = module[at];
        let (size, contents) = read_leb128(module, at + 1)?;
        let end =
            contents.checked_add(size).filter(|&end| end <= module.len()).context("section past the end")?;
        if id != 0 {
            kept.extend_from_slice(&module[at..end]);
        }
        at = end;
    }
    Ok(kept)
}

/// Reads an unsigned LEB128 number at `at`: its value and the offset after it.
fn read_leb128(bytes: &[u8], mut at: usize) -> anyhow::Result<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).context("section size past the end")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    bail!("section size longer than 32 bits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_are_dropped_and_the_others_kept_in_order() {
        let header = b"\0asm\x01\0\0\0";
        let type_section = [1, 4, 1, 0x60, 0, 0];
        let names = [0, 5, 4, b'n', b'a', b'm', b'e'];
        let function_section = [3, 2, 1, 0];
        let module = [&header[..], &type_section, &names, &function_section].concat();

        let stripped = without_custom_sections(&module).unwrap();

        assert_eq!(stripped, [&header[..], &type_section, &function_section].concat());
    }

    #[test]
    fn a_section_longer_than_the_module_is_an_error() {
        let module = [&b"\0asm\x01\0\0\0"[..], &[1, 9, 0]].concat();
        assert!(without_custom_sections(&module).is_err());
        assert!(without_custom_sections(b"not wasm").is_err());
    }

    #[test]
    fn leb128_sizes_over_several_bytes_are_read() {
        assert_eq!(read_leb128(&[0xe5, 0x8e, 0x26], 0).unwrap(), (624_485, 3));
    }
}
