#!/bin/sh
# Install the Debian packages the server tests use, only those missing:
#   virtuoso-opensource  a Virtuoso Open Source server the tests start on loopback
#   chromium, chromium-driver  a headless browser to drive the query page
#   libreoffice-writer-nogui  LibreOffice Writer headless, to make the DOCX, ODT and PDF fixtures
#                         that the extract tests read (tests/office.py)
#   libreoffice-calc-nogui, poppler-utils  LibreOffice Calc for the workbook tests, pdftoppm for docs pictures
#   default-jre-headless  Java for the OWL reasoners (HermiT, Pellet), only if no java is on PATH
#   poppler-utils  pdftotext, to read the text of glocal report's PDF
#   npm  to fetch axe-core (the accessibility checker the report test injects), only if no npm
# Idempotent: installs nothing when all are present. Run as root (or with sudo) on Debian.
set -eu

packages="virtuoso-opensource chromium chromium-driver"
packages="$packages libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if ! command -v java >/dev/null 2>&1; then
    missing="$missing default-jre-headless"
fi
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi

if [ -z "$missing" ]; then
    echo "install-test-services: all present ($packages)"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        exec sudo "$0" "$@"
    fi
    echo "install-test-services: run as root to install:$missing" >&2
    exit 2
fi

echo "install-test-services: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086  # the list is meant to split into words
apt-get install -y -qq --no-install-recommends $missing
# Debian's package starts a system-wide Virtuoso on ports 1111 and 8890; the tests start their
# own on free loopback ports, so stop and disable the packaged one where a service manager exists.
if [ -x /usr/sbin/service ] && [ -e /etc/init.d/virtuoso-opensource-7 ]; then
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi
if command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
fi
echo "install-test-services: done"
