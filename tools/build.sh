#!/usr/bin/env bash
# Configures and builds factmine (Release) into build/. Extra arguments go
# to cmake's configure step, e.g. tools/build.sh -DFACTMINE_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build
