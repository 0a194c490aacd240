#!/bin/sh
# mesh-root: the only command `mesh remote provision` may run as root on this host (through
# /etc/sudoers.d/zz-mesh, without a password). It runs a fixed set of operations and nothing else;
# every argument is checked on its own, anything unexpected is refused with exit status 126.
# Written by `mesh remote prepare` from mesh's settings; do not edit, run prepare again instead.
set -u
PATH=@PATH@
export PATH
IFS=' 	
'
LC_ALL=C
export LC_ALL
DEBIAN_FRONTEND=noninteractive
export DEBIAN_FRONTEND
umask 022

# Pinned when the host was prepared (the operator chose them while giving the sudo password).
PIN=@PIN@
TMP_DIR=@TMP_DIR@
INSTALL_METHOD=@INSTALL_METHOD@
SCRIPT_URL=@SCRIPT_URL@
PIN_TRACK=@PIN_TRACK@
PIN_VERSION=@PIN_VERSION@
UPLOAD_SUFFIX=@UPLOAD_SUFFIX@
UPLOAD_SHA256=@UPLOAD_SHA256@
APT_LOCK=@APT_LOCK@
TAILSCALED_LOG=@TAILSCALED_LOG@
TAILSCALED_DEFAULTS=@TAILSCALED_DEFAULTS@
INSTALL_PIN=@INSTALL_PIN@
# The login server tailscale up may use (empty: prepared without one, any http(s) URL), the preference
# flags (--name=value, one a line) tailscale up and set may pass, whether --reset may be passed, and
# whether tailscaled runs with --tun=userspace-networking.
LOGIN_SERVER=@LOGIN_SERVER@
PREF_FLAGS=@PREF_FLAGS@
PIN_RESET=@PIN_RESET@
USERSPACE=@USERSPACE@

refuse() {
    printf 'mesh-root: refused: %s\n' "$*" >&2
    exit 126
}

no_args() {
    [ $# -eq 0 ] || refuse "$OP takes no arguments"
}

digits() {
    case $1 in ''|*[!0-9]*) return 1 ;; esac
    [ ${#1} -le 6 ]
}

hex32() {
    [ ${#1} -eq 32 ] || return 1
    case $1 in *[!0-9a-f]*) return 1 ;; esac
}

# The account that ran sudo: files it hands over must be its own.
caller() {
    digits "${SUDO_UID:-}" || refuse "run through sudo (SUDO_UID is not set)"
    case ${SUDO_USER:-} in ''|*[!A-Za-z0-9._-]*) refuse "run through sudo (SUDO_USER is not a plain user name)" ;; esac
}

# Whether $1 is one of the pinned preference flags, or --accept-routes=false (Tailscale's default on
# Linux: mesh passes it to up before it has looked at the routes it would accept).
pinned_flag() {
    [ -n "$1" ] || return 1
    [ "$1" = --accept-routes=false ] && return 0
    printf '%s\n' "$PREF_FLAGS" | { while IFS= read -r line; do [ "$line" = "$1" ] && exit 0; done; exit 1; }
}

# The login server this host was prepared for, else (prepared without one) any plain http(s) URL.
check_server() {
    if [ -n "$LOGIN_SERVER" ]; then
        [ "$1" = "$LOGIN_SERVER" ] || refuse "this host was prepared for the login server $LOGIN_SERVER, not $1; run mesh remote prepare again"
    else
        check_url "$1"
    fi
}

# An http(s) URL made of characters that need no quoting anywhere.
check_url() {
    case $1 in http://?*|https://?*) ;; *) refuse "the login server must be an http(s) URL" ;; esac
    case $1 in *[!]A-Za-z0-9.:/_~%[-]*) refuse "the login server URL contains characters mesh does not send" ;; esac
}

# Takes over the caller's file $1 (in TMP_DIR, named $2 + 32 hex digits + $3): moves it into a new
# root-only directory, where the caller can no longer swap it, checks it is a regular file (not a
# symlink) owned by the caller, and copies it to a root-owned $taken. Root never opens a file the
# caller could not read itself.
take_file() {
    name=${1#"$TMP_DIR/$2"}
    [ "$name" != "$1" ] || refuse "not a file mesh uploads: $1"
    case $name in *"$3") hex=${name%"$3"} ;; *) refuse "not a file mesh uploads: $1" ;; esac
    hex32 "$hex" || refuse "not a file mesh uploads: $1"
    [ -f "$1" ] && [ ! -L "$1" ] || refuse "$1 is not a regular file"
    private=$(umask 077 && mktemp -d "$TMP_DIR/mesh-root.XXXXXXXXXX") || exit 1
    if ! mv "$1" "$private/in"; then
        rmdir "$private"
        exit 1
    fi
    if [ -L "$private/in" ] || [ ! -f "$private/in" ] || [ "$(stat -c %u "$private/in")" != "$SUDO_UID" ]; then
        release
        refuse "$1 is not a regular file owned by $SUDO_USER"
    fi
    taken=$private/$2$hex$3
    (umask 077 && cp "$private/in" "$taken") || { release; exit 1; }
    rm -f "$private/in"
}

release() {
    rm -f "$private/in" "${taken:-$private/in}"
    rmdir "$private" 2>/dev/null
}

# tailscale up with the flags mesh sends, each checked on its own: the pinned login server, the auth
# key from this command's standard input (--auth-key=file:/dev/stdin, which tailscale opens like a
# file) and from nowhere else, so no key file is ever written to this host; a timeout; the pinned
# preference flags; --reset only when pinned; --force-reauth.
op_tailscale_up() {
    server='' key='' timeout='' force='' reset=''
    for arg in "$@"; do
        case $arg in
            --reset)
                [ "$PIN_RESET" = yes ] || refuse "this host was prepared without reset; run mesh remote prepare again"
                [ -z "$reset" ] || refuse "--reset given twice"
                reset=1 ;;
            --login-server=*)
                [ -z "$server" ] || refuse "--login-server given twice"
                server=${arg#--login-server=}
                check_server "$server" ;;
            --auth-key=file:/dev/stdin)
                [ -z "$key" ] || refuse "--auth-key given twice"
                key=1 ;;
            --auth-key=*|--authkey=*)
                refuse "the auth key must come on standard input (--auth-key=file:/dev/stdin)" ;;
            --timeout=*s)
                [ -z "$timeout" ] || refuse "--timeout given twice"
                timeout=${arg#--timeout=}
                digits "${timeout%s}" || refuse "--timeout must be a number of seconds" ;;
            --force-reauth)
                [ -z "$force" ] || refuse "--force-reauth given twice"
                force=1 ;;
            *)
                pinned_flag "$arg" || refuse "tailscale-up does not take $arg (not pinned when this host was prepared; run mesh remote prepare again)" ;;
        esac
    done
    [ -n "$server" ] && [ -n "$key" ] && [ -n "$timeout" ] \
        || refuse "tailscale-up needs --login-server, --auth-key=file:/dev/stdin and --timeout"
    exec tailscale up "$@"
}

# tailscale set with pinned preference flags only.
op_tailscale_set() {
    [ $# -ge 1 ] || refuse "$OP needs a flag"
    for arg in "$@"; do
        pinned_flag "$arg" || refuse "tailscale-set does not take $arg (not pinned when this host was prepared; run mesh remote prepare again)"
    done
    exec tailscale set "$@"
}

# Runs a Tailscale install script with the pinned TRACK and TAILSCALE_VERSION (only those set).
run_install_script() {
    if [ -n "$PIN_TRACK" ] && [ -n "$PIN_VERSION" ]; then
        TRACK=$PIN_TRACK TAILSCALE_VERSION=$PIN_VERSION sh "$1"
    elif [ -n "$PIN_TRACK" ]; then
        TRACK=$PIN_TRACK sh "$1"
    elif [ -n "$PIN_VERSION" ]; then
        TAILSCALE_VERSION=$PIN_VERSION sh "$1"
    else
        sh "$1"
    fi
}

op_install_script() {
    [ "$INSTALL_METHOD" = script ] || refuse "this host was prepared for install.method = $INSTALL_METHOD"
    script=$(umask 077 && mktemp "$TMP_DIR/mesh-install.XXXXXXXXXX") || exit 1
    if curl -fsSL -o "$script" "$SCRIPT_URL"; then
        run_install_script "$script"
        status=$?
    else
        status=$?
        printf 'mesh-root: could not download %s\n' "$SCRIPT_URL" >&2
    fi
    rm -f "$script"
    exit $status
}

op_install_upload() {
    [ "$INSTALL_METHOD" = upload ] || refuse "this host was prepared for install.method = $INSTALL_METHOD"
    [ $# -eq 1 ] || refuse "$OP takes one file"
    caller
    take_file "$1" mesh-tailscale- "$UPLOAD_SUFFIX"
    sum=$(sha256sum < "$taken") || { release; exit 1; }
    if [ "${sum%% *}" != "$UPLOAD_SHA256" ]; then
        release
        refuse "the uploaded file is not the one this host was prepared for (sha256 differs); run mesh remote prepare again"
    fi
    chmod 0755 "$private"
    chmod 0644 "$taken"
    case $UPLOAD_SUFFIX in
        .deb) apt-get install -y -o "DPkg::Lock::Timeout=$APT_LOCK" "$taken" ;;
        .rpm) rpm -i "$taken" ;;
        .sh) run_install_script "$taken" ;;
        *) false ;;
    esac
    status=$?
    release
    exit $status
}

[ $# -ge 1 ] || refuse "no operation given"
# An operation that starts children runs in a process group of its own under timeout(1) (no limit):
# when mesh stops it, sudo passes TERM on to this process alone; timeout passes it on to the whole
# group, and KILL 2 s later, so no installer, apt-get or dpkg is left running.
case ${MESH_ROOT_GROUPED:-}:$1 in
    :apt-wait-lock|:apt-update|:install-syncthing|:install-tailscale-script|:install-tailscale-upload)
        MESH_ROOT_GROUPED=1 exec timeout -k 2 0 sh "$0" "$@" ;;
esac
OP=$1
shift
case $OP in
    check)
        no_args "$@"
        echo "mesh-root $PIN"
        echo "login-server $LOGIN_SERVER"
        echo "reset $PIN_RESET"
        echo "userspace $USERSPACE"
        echo "install $INSTALL_PIN"
        printf '%s\n' "$PREF_FLAGS" | while IFS= read -r line; do [ -z "$line" ] || echo "preference $line"; done ;;
    apt-wait-lock)
        no_args "$@"
        exec apt-get install -y -o "DPkg::Lock::Timeout=$APT_LOCK" ;;
    apt-update)
        no_args "$@"
        exec apt-get -o "DPkg::Lock::Timeout=$APT_LOCK" update ;;
    install-syncthing)
        [ $# -eq 1 ] || refuse "$OP takes one package manager"
        case $1 in
            apt) exec apt-get install -y -o "DPkg::Lock::Timeout=$APT_LOCK" syncthing ;;
            dnf) exec dnf install -y syncthing ;;
            yum) exec yum install -y syncthing ;;
            zypper) exec zypper --non-interactive install syncthing ;;
            pacman) exec pacman -S --noconfirm --needed syncthing ;;
            apk) exec apk add syncthing ;;
            *) refuse "unknown package manager $1" ;;
        esac ;;
    enable-service)
        [ $# -eq 1 ] || refuse "$OP takes one unit"
        caller
        case $1 in
            tailscaled|"syncthing@$SUDO_USER") exec systemctl enable --now "$1" ;;
            *) refuse "mesh only enables tailscaled and syncthing@$SUDO_USER" ;;
        esac ;;
    start-tailscale-openrc)
        no_args "$@"
        rc-update add tailscale default && exec rc-service tailscale start ;;
    start-tailscaled-background)
        no_args "$@"
        mkdir -p /var/lib/tailscale || exit 1
        if [ "$USERSPACE" = yes ]; then
            nohup tailscaled --state=/var/lib/tailscale/tailscaled.state --tun=userspace-networking >"$TAILSCALED_LOG" 2>&1 </dev/null &
        else
            nohup tailscaled --state=/var/lib/tailscale/tailscaled.state >"$TAILSCALED_LOG" 2>&1 </dev/null &
        fi
        exit 0 ;;
    tailscaled-userspace)
        no_args "$@"
        [ "$USERSPACE" = yes ] || refuse "this host was prepared without userspace networking; run mesh remote prepare again"
        f=$TAILSCALED_DEFAULTS
        if [ -f "$f" ] && grep -q -e --tun=userspace-networking "$f"; then echo unchanged; exit 0; fi
        if [ -f "$f" ] && grep -q '^FLAGS="' "$f"; then
            sed -i 's|^FLAGS="|FLAGS="--tun=userspace-networking |' "$f" || exit 1
        else
            printf 'FLAGS="%s"\n' --tun=userspace-networking >> "$f" || exit 1
        fi
        echo changed ;;
    service-log)
        [ $# -eq 1 ] || refuse "$OP takes one unit"
        caller
        case $1 in
            tailscaled|"syncthing@$SUDO_USER") exec journalctl -u "$1" -n 20 --no-pager ;;
            *) refuse "mesh only reads the journal of tailscaled and syncthing@$SUDO_USER" ;;
        esac ;;
    tailscaled-log)
        no_args "$@"
        exec tail -n 20 "$TAILSCALED_LOG" ;;
    tailscale-prefs)
        no_args "$@"
        exec tailscale debug prefs ;;
    tailscale-up)
        op_tailscale_up "$@" ;;
    tailscale-set)
        op_tailscale_set "$@" ;;
    tailscale-path)
        no_args "$@"
        command -v tailscale ;;
    install-tailscale-script)
        no_args "$@"
        op_install_script ;;
    install-tailscale-upload)
        op_install_upload "$@" ;;
    tailscale-logout)
        no_args "$@"
        exec tailscale logout ;;
    uninstall-tailscale)
        [ $# -eq 1 ] || refuse "$OP takes one package manager"
        case $1 in
            apt) exec apt-get remove -y -o "DPkg::Lock::Timeout=$APT_LOCK" tailscale ;;
            dnf) exec dnf remove -y tailscale ;;
            yum) exec yum remove -y tailscale ;;
            zypper) exec zypper --non-interactive remove tailscale ;;
            pacman) exec pacman -R --noconfirm tailscale ;;
            apk) exec apk del tailscale ;;
            *) refuse "unknown package manager $1" ;;
        esac ;;
    unprepare)
        # mesh remote remove --unprepare: the sudo rule first (nothing may run this helper after it), then the helper
        no_args "$@"
        rm -f /etc/sudoers.d/zz-mesh && rm -f /usr/local/libexec/mesh/mesh-root && { rmdir /usr/local/libexec/mesh 2>/dev/null; true; } ;;
    *)
        refuse "unknown operation $OP" ;;
esac
