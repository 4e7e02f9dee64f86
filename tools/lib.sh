# Shared by the scripts under tools/ and browser-tests/ (sourced, not run).
#
# build_debug PACKAGE…: builds the packages' binaries (debug) and sets
#   $bin to the absolute directory holding them, wherever
#   CARGO_TARGET_DIR points (CI shares one target directory).
# free_port: prints a free TCP port on 127.0.0.1.

build_debug() {
  local args=()
  for p in "$@"; do args+=(-p "$p"); done
  cargo build -q "${args[@]}" --bins
  case "${CARGO_TARGET_DIR:-target}" in
    /*) bin="$CARGO_TARGET_DIR/debug" ;;
    *) bin="$(pwd)/${CARGO_TARGET_DIR:-target}/debug" ;;
  esac
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
