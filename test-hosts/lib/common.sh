# shellcheck shell=bash
# Shared helpers for the test-hosts scripts (sourced, not executed).

# Prints a timestamped progress line on stderr; $LOG_TAG names the calling script.
log() { printf '[%s %s] %s\n' "${LOG_TAG:-test-hosts}" "$(date -u +%H:%M:%S)" "$*" >&2; }

die() { log "ERROR: $*"; exit 1; }

# Prints "MAIN_URI SECURITY_URI" (SECURITY_URI may be "-") read from this machine's apt sources.
# The main mirror is the entry whose suites contain the host's own codename; the security
# mirror is the entry with "<codename>-security". Debian serves every suite under the same
# base URI, so these URIs work for other suites (trixie on a bookworm host) too.
# MESH_TEST_MIRROR / MESH_TEST_SECURITY_MIRROR override (e.g. for a non-Debian host); "-"
# for the latter means "no security suite".
apt_mirrors() {
    local codename main security
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    main=${MESH_TEST_MIRROR:-}
    security=${MESH_TEST_SECURITY_MIRROR:-}
    if [ -z "$main" ] || [ -z "$security" ]; then
        [ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release; set MESH_TEST_MIRROR"
        local entries
        entries=$(apt_source_entries)
        [ -n "$main" ] || main=$(awk -v s="$codename" '$2 == s { print $1; exit }' <<<"$entries")
        [ -n "$security" ] || security=$(awk -v s="$codename-security" '$2 == s { print $1; exit }' <<<"$entries")
    fi
    [ -n "$main" ] || die "no apt source for suite '$codename' in /etc/apt; set MESH_TEST_MIRROR"
    printf '%s %s\n' "${main%/}" "${security:--}"
}

# Prints one "URI SUITE" line per (enabled, binary) apt source entry, in both the deb822
# (/etc/apt/sources.list.d/*.sources) and the one-line (sources.list, *.list) formats.
apt_source_entries() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # deb822: blank-line separated stanzas; take the first URI of each enabled deb stanza.
        awk '
            function flush() {
                if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no" && uri != "")
                    for (i = 1; i <= ns; i++) print uri, suites[i]
                types = ""; uri = ""; enabled = ""; ns = 0
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            tolower($1) == "types:"   { types = $0; sub(/^[^:]*:/, "", types) }
            tolower($1) == "uris:"    { uri = $2 }
            tolower($1) == "enabled:" { enabled = tolower($2) }
            tolower($1) == "suites:"  { ns = 0; for (i = 2; i <= NF; i++) suites[++ns] = $i }
            END { flush() }
        ' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        # one-line: deb [options] URI SUITE COMPONENTS...
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
    done
}
