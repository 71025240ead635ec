#!/usr/bin/env bash
# The whole test suite: set up, build with warnings as errors, run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
tools/build.sh -DFACTMINE_WERROR=ON
ctest --test-dir build --output-on-failure -j "$(nproc)"
