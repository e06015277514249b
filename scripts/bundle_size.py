#!/usr/bin/env python3
"""Measures the browser bundle in a pkg directory: the main module every page loads first
(and all a participant's pages need), the lazy chunks of the staff pages, and the page that
loads the most. Sizes raw and brotli-compressed (quality 11, the `brotli` command)."""

import json
import pathlib
import subprocess
import sys


def brotli_size(path):
    return len(subprocess.run(["brotli", "-c", "-q", "11", str(path)], capture_output=True, check=True).stdout)


def main():
    pkg = pathlib.Path(sys.argv[1])
    main_wasm = pkg / "klustra_bg.wasm"
    main_brotli = brotli_size(main_wasm)
    print(f"browser bundle: {main_wasm.stat().st_size} bytes raw, {main_brotli} bytes brotli")

    chunks = {p.stem: p for p in pkg.glob("*.wasm") if p != main_wasm}
    chunk_brotli = {name: brotli_size(path) for name, path in chunks.items()}
    raw = sum(path.stat().st_size for path in chunks.values())
    print(f"lazy chunks: {len(chunks)} files, {raw} bytes raw, {sum(chunk_brotli.values())} bytes brotli")

    manifest = json.loads((pkg / "__wasm_split_manifest.json").read_text(encoding="utf-8"))
    # A split point's name is `__<route>_route_view_<hash>`; the page loads its chunks once.
    pages = {
        split.strip("_").split("_route_view")[0]: main_brotli + sum(chunk_brotli[c] for c in needed)
        for split, needed in manifest.items()
    }
    page, total = max(pages.items(), key=lambda item: item[1])
    print(f"heaviest page: {page} loads {total} bytes brotli with the main bundle")


if __name__ == "__main__":
    main()
