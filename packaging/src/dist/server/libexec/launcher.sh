# shellcheck shell=bash
# Sourced by the scripts in bin/: finds a JDK >= 21 and runs one main class of the distribution.
# Not a program of its own.

raftpad_die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Prints the feature version (21, 25, ...) of the java executable $1, or nothing.
raftpad_java_major() {
  local home
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [ -f "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
  else
    "$1" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9]*\).*/\1/p'
  fi
}

# Sets RAFTPAD_JAVA to $JAVA_HOME/bin/java, else the java on the PATH; either must be >= 21.
raftpad_find_java() {
  local candidate major tried=""
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
    major=$(raftpad_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      RAFTPAD_JAVA=$candidate
      return 0
    fi
    tried="$tried $candidate (${major:-unknown version})"
  done
  raftpad_die "needs a JDK >= 21: set JAVA_HOME or put its java on the PATH (found:${tried:- none})"
}

# raftpad_run MAIN_CLASS PROGRAM_OPTS_VARIABLE [JVM_OPTION...] -- [ARG...]
# Replaces the shell with the JVM (so signals, kill -9 and systemd reach the JVM itself).
# JVM options come from the script, then $RAFTPAD_JAVA_OPTS, then the program's own variable.
raftpad_run() {
  local main=$1 own_var=$2
  shift 2
  local jvm_opts=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    jvm_opts+=("$1")
    shift
  done
  [ $# -gt 0 ] && shift
  local common=() own=()
  read -r -a common <<< "${RAFTPAD_JAVA_OPTS:-}"
  read -r -a own <<< "${!own_var:-}"
  raftpad_find_java
  exec "$RAFTPAD_JAVA" "${jvm_opts[@]}" "${common[@]}" "${own[@]}" \
    -cp "$RAFTPAD_DIST/lib/*" "$main" "$@"
}
