#!/usr/bin/env bash
# The heavy cases of the bad-input matrix (tests/it/robustness.rs), at full size, on the
# release build: they are #[ignore]d in the debug `cargo test` run that CI does.
#   - robustness_a_200_megabyte_line: a real 200 MB one-line article with one finding.
# Usage: bash scripts/robustness.sh   (from anywhere; builds the release test binary)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked --release --test it -- --ignored robustness
