#!/usr/bin/env bash
# Builds the runtime image: the plain distribution plus a jlink image of the JDK (so a user needs no
# JDK) and an AppCDS archive of the classes mesh's start-up paths load. Run by Maven (mesh-cli,
# package phase) after the assembly of the plain distribution; runs by hand the same way.
#
# usage: runtime-image.sh JAVA_HOME DIST IMAGE TRAINING_CLASSPATH
#   JAVA_HOME           the JDK whose jlink and jmods build the image (Maven's own, ${java.home})
#   DIST                the plain distribution directory (target/mesh: bin/, lib/, plugins/)
#   IMAGE               the image directory to (re)create; IMAGE.tar.gz is written next to it
#   TRAINING_CLASSPATH  mesh-cli's test class path, for the training run (dev.mesh.cli.CdsTraining)
#
# The image: bin/mesh (the same launcher; it picks runtime/ up), lib/*.jar, plugins/, runtime/,
# lib/mesh.classpath (jar order), lib/mesh.classlist (the training's class list), lib/mesh.jsa (the
# archive) and lib/mesh.jsa.home (the directory the archive was made for, and a build id: JDK 17 checks
# jar paths, so bin/mesh makes a new archive from the class list once when the image has been moved).
set -euo pipefail
[ $# -eq 4 ] || { sed -n '6,10p' "$0" >&2; exit 2; }
jdk=$1 dist=$2 image=$3 training_cp=$4

# The JDK modules mesh needs. `jdeps --print-module-deps --ignore-missing-deps` on lib/*.jar reports
# java.base, java.logging, java.management, java.net.http, java.rmi, java.desktop and java.security.jgss
# (checked below on every build); two of them are left out on purpose:
#  - java.desktop (12 MB): only Typesafe Config's ConfigBeanFactory (java.beans) needs it, unused by mesh;
#  - java.security.jgss: only MINA SSHD's server-side GSSAPI authentication (org.apache.sshd.server.auth.gss).
# java.rmi stays: MINA's ClientSession signatures name java.rmi.RemoteException, loaded at run time.
# Two more that jdeps cannot see: jdk.crypto.ec, the security provider of X25519, Ed25519 and ECDSA
# (key exchange, host and user keys), and jdk.unsupported (25 KB): sun.misc.Signal and Unsafe, which
# libraries reach by reflection (JLine's Signals, for one). Not included: jdk.charsets (1.2 MB), the
# CJK and EBCDIC charsets; java.base has UTF-8, ASCII, the ISO-8859 and windows-125x families.
# Also excluded: java.sql, which Jackson databind requires only statically (java.sql.Date and
# Timestamp support; mesh writes no such type). JLine's terminal jar is not given to jdeps: its module
# descriptor requires org.jline.nativ, which the distribution leaves out (exec provider only), and
# jdeps stops at the missing module; JLine needs java.base, java.logging and jdk.unsupported, all above.
modules=java.base,java.logging,java.management,java.net.http,java.rmi,jdk.crypto.ec,jdk.unsupported
excluded=java.desktop,java.security.jgss,java.sql

steps=()
step() { steps+=("$1 $((SECONDS - step_start))s"); step_start=$SECONDS; }
step_start=$SECONDS
rm -rf "$image" "$image.tar.gz"
mkdir -p "$image"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -pR "$dist/bin" "$dist/lib" "$dist/plugins" "$image/"
home=$(cd "$image" && pwd -P)
java=$home/runtime/bin/java
# A fixed jar order: CDS compares the class path entry by entry, and `lib/*` expands in directory order.
(cd "$home/lib" && LC_ALL=C ls -- *.jar) > "$home/lib/mesh.classpath"
cp=$(sed "s|^|$home/lib/|" "$home/lib/mesh.classpath" | paste -sd: -)

# jdeps runs beside jlink (two cores). It prints warnings about split packages before the list.
analysed=$(sed -e '/^jline-terminal-/d' -e "s|^|$home/lib/|" "$home/lib/mesh.classpath")
# shellcheck disable=SC2086 # one jar per word: the names have no blanks
"$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 -cp "$cp" $analysed \
  > "$work/jdeps" 2>&1 &
jdeps=$!
# No --compress: the tarball is gzip'ed anyway, and gzip does better on an uncompressed jimage
# (measured: 16.6 MB for the runtime against 19.7 MB with --compress=2, and jlink 30% faster).
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$home/runtime"
step jlink

# A new dependency that needs another JDK module fails the build here until it is added above or
# excluded with a reason, instead of failing at a user's with NoClassDefFoundError.
wait "$jdeps" || { cat "$work/jdeps" >&2; echo "runtime-image: jdeps failed on lib/*.jar" >&2; exit 1; }
needed=$(tail -n 1 "$work/jdeps")
[[ $needed =~ ^[a-z][a-z0-9.,]*$ ]] || { echo "runtime-image: jdeps failed on lib/*.jar: $needed" >&2; exit 1; }
for module in ${needed//,/ }; do
  case ",$modules,$excluded," in
    *",$module,"*) ;;
    *) echo "runtime-image: lib/*.jar needs JDK module $module (jdeps); add it to modules or excluded in $0" >&2; exit 1 ;;
  esac
done
step jdeps
"$java" -XX:DumpLoadedClassList="$work/classlist" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp:$training_cp" dev.mesh.cli.CdsTraining
# The simulated host's SSH server ran in the same JVM, so some server classes are listed too: they
# are kept, since MINA's client uses a few of them (its default forwarding filter, for one).
cp "$work/classlist" "$home/lib/mesh.classlist"
step training

# Classes only the test class path has (the simulated host, JUnit) are reported and skipped.
"$java" -Xshare:dump -XX:SharedClassListFile="$home/lib/mesh.classlist" -XX:SharedArchiveFile="$home/lib/mesh.jsa" \
  -cp "$cp" > "$work/dump.log" 2>&1 || { cat "$work/dump.log" >&2; exit 1; }
step dump
# The directory the archive was made for, and an id of this build: bin/mesh makes a new archive when
# the image is moved, and must not take one it made in the cache for an earlier build.
printf '%s\n%s\n' "$home" "$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')" > "$home/lib/mesh.jsa.home"

tar -C "$home" -czf "$image.tar.gz" .
step tar
echo "runtime image: $image ($(du -sh "$home" | cut -f1); runtime $(du -sh "$home/runtime" | cut -f1)," \
  "archive $(du -sh "$home/lib/mesh.jsa" | cut -f1), $(grep -vc '^[#@]' "$home/lib/mesh.classlist") classes listed," \
  "$(grep -c 'Preload Warning: Cannot find\|Skipping' "$work/dump.log" || true) skipped); $image.tar.gz;" \
  "steps: ${steps[*]}"
