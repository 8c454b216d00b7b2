#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for Gongwen: libxml2's, zlib's and libcrypto's
# headers and pkg-config (the CLibXML2, CZlib and CLibCrypto system-library targets), a Python
# with jsonschema and icalendar (the schema and calendar tests check outputs with real parsers)
# Chromium (the report test renders the HTML in a real browser), LibreOffice and poppler
# (legacy office files and PDF are converted by them) and PostgreSQL (the store's tests run a
# throw-away server).
#
# Python packages are installed the Debian way (python3-jsonschema, python3-icalendar for
# /usr/bin/python3: Debian's Python refuses `pip install` outside a virtual environment), or,
# without apt, into a private virtual environment under .build/. Which Python and which browser
# the tests use is recorded in .build/checkers.env; the tests read it, and fail (rather than
# skip) when a recorded checker is missing.
# Idempotent: does nothing when everything is there. Needs root (or sudo) only to install.
set -euo pipefail
cd "$(dirname "$0")/.."

python_has_checkers() { [[ -n $1 && -x $1 ]] && "$1" -c "import jsonschema, icalendar" 2>/dev/null; }

# The first Python that already has both checkers: the one on PATH, then Debian's.
checker_python=""
for candidate in "$(command -v python3 || true)" /usr/bin/python3; do
    if python_has_checkers "$candidate"; then
        checker_python=$candidate
        break
    fi
done

missing=()
if command -v dpkg >/dev/null 2>&1; then
    dpkg -s libxml2-dev >/dev/null 2>&1 || missing+=(libxml2-dev)
    dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
    dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
    if [[ -z $checker_python ]]; then
        dpkg -s python3-jsonschema >/dev/null 2>&1 || missing+=(python3-jsonschema)
        dpkg -s python3-icalendar >/dev/null 2>&1 || missing+=(python3-icalendar)
    fi
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# Headless Chromium renders `gongwen report` in the tests.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Legacy office files (.doc, .wps, .xls, .et) are converted by LibreOffice, PDF by poppler.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# The store's tests run a throw-away PostgreSQL server (scripts/pg-test-server.sh) and psql.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if ((${#missing[@]})); then
    if command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: installing ${missing[*]}" >&2
        sudo=""
        if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "install-deps: no apt-get here; install ${missing[*]} with this system's package manager" >&2
    fi
fi

# The crawl tests validate web archives with warcio (PyPI only): a private virtual
# environment that also sees the system's packages.
warcio_python=""
for candidate in "$checker_python" "$(command -v python3 || true)" /usr/bin/python3 "$PWD/.build/warcio-venv/bin/python3"; do
    if [[ -n $candidate && -x $candidate ]] && "$candidate" -c "import warcio" 2>/dev/null; then
        warcio_python=$candidate
        break
    fi
done

if [[ -z $checker_python ]] && python_has_checkers /usr/bin/python3; then
    checker_python=/usr/bin/python3
fi
if [[ -z $checker_python ]]; then
    # No apt (or its packages did not do it): a private virtual environment, never the system's.
    echo "install-deps: installing jsonschema and icalendar into .build/checkers-venv" >&2
    python3 -m venv .build/checkers-venv
    .build/checkers-venv/bin/python3 -m pip install --quiet jsonschema icalendar
    checker_python=$PWD/.build/checkers-venv/bin/python3
fi

if [[ -z $warcio_python ]]; then
    echo "install-deps: installing warcio into .build/warcio-venv" >&2
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
        if command -v apt-get >/dev/null 2>&1; then
            sudo=""
            if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        fi
    fi
    python3 -m venv .build/warcio-venv
    .build/warcio-venv/bin/python3 -m pip install --quiet warcio
    warcio_python=$PWD/.build/warcio-venv/bin/python3
fi

mkdir -p .build
{
    echo "PYTHON=$checker_python"
    echo "CHROMIUM=$(command -v chromium || true)"
    echo "SOFFICE=$(command -v soffice || true)"
    echo "PDFTOTEXT=$(command -v pdftotext || true)"
    echo "POSTGRES=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    echo "WARCIO_PYTHON=$warcio_python"
} >.build/checkers.env.tmp
mv .build/checkers.env.tmp .build/checkers.env
echo "install-deps: checkers: $(tr '\n' ' ' <.build/checkers.env)" >&2
