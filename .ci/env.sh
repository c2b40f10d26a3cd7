# Sourced by the scripts: puts the pinned tools first on PATH.
# cargo-leptos runs wasm-opt on every release build and downloads it unless it is on PATH;
# the npm build of binaryen is the one that works here.
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
