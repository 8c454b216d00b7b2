#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for Gongwen: libxml2's, zlib's and libcrypto's
# headers and pkg-config (the CLibXML2, CZlib and CLibCrypto system-library targets), Python's
# jsonschema and icalendar (the schema and calendar tests check outputs with real parsers),
# and Chromium (the report test renders the HTML in a real browser).
# Idempotent: does nothing when everything is there. Needs root (or sudo) only to install.
set -euo pipefail

missing=()
dpkg -s libxml2-dev >/dev/null 2>&1 || missing+=(libxml2-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# Headless Chromium renders `gongwen report` in the tests.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for package in jsonschema icalendar; do
    if ! python3 -c "import $package" 2>/dev/null; then
        echo "install-deps: installing the Python package $package" >&2
        python3 -m pip install --quiet "$package"
    fi
done
