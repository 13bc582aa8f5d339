# shellcheck shell=sh
# The one rule for which JDK Raftpad builds and runs with, sourced by ./mvnw, ./raftpad and
# .ci/run (POSIX sh, because ./mvnw is): $JAVA_HOME when it is a JDK >= 21, else the javac on
# PATH when it is one, else the newest JDK >= 21 in the usual install folders. It exports
# JAVA_HOME and puts its bin first on PATH, so a machine whose default java is older (Debian 12
# ships 17) builds without any setup.

RAFTPAD_MIN_JDK=21

# Prints the feature version of the JDK at $1 (from its release file), or nothing.
raftpad_java_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

# Prints the JDKs the user chose, in order: $JAVA_HOME, then the one whose javac is on PATH.
raftpad_chosen_jdks() {
  [ -n "${JAVA_HOME-}" ] && printf '%s\n' "$JAVA_HOME"
  raftpad_javac=$(command -v javac 2>/dev/null || true)
  [ -n "$raftpad_javac" ] || return 0
  raftpad_javac=$(readlink -f "$raftpad_javac" 2>/dev/null || printf '%s' "$raftpad_javac")
  dirname "$(dirname "$raftpad_javac")"
}

# Prints the JDKs installed in the usual folders (globs need noglob off; ./mvnw sets it).
raftpad_installed_jdks() {
  case $- in *f*) raftpad_noglob=1 && set +f ;; *) raftpad_noglob=0 ;; esac
  for raftpad_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
    "${HOME:-/nonexistent}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$raftpad_dir" ] && printf '%s\n' "$raftpad_dir"
  done
  [ "$raftpad_noglob" = 0 ] || set -f
}

# Prints the first of the JDKs on stdin that is new enough, or the newest one with "newest".
raftpad_pick_jdk() { # $1: first | newest
  raftpad_pick=
  raftpad_pick_major=0
  while IFS= read -r raftpad_candidate; do
    raftpad_major=$(raftpad_java_major "$raftpad_candidate")
    [ -n "$raftpad_major" ] && [ "$raftpad_major" -ge "$RAFTPAD_MIN_JDK" ] || continue
    if [ "$1" = first ]; then
      printf '%s\n' "$raftpad_candidate"
      return 0
    fi
    if [ "$raftpad_major" -gt "$raftpad_pick_major" ]; then
      raftpad_pick=$raftpad_candidate
      raftpad_pick_major=$raftpad_major
    fi
  done
  [ -z "$raftpad_pick" ] || printf '%s\n' "$raftpad_pick"
}

# Exports JAVA_HOME (and PATH) for a JDK >= 21; returns 1 with a sentence on stderr when none.
raftpad_select_jdk() {
  raftpad_jdk=$(raftpad_chosen_jdks | raftpad_pick_jdk first)
  [ -n "$raftpad_jdk" ] || raftpad_jdk=$(raftpad_installed_jdks | raftpad_pick_jdk newest)
  if [ -z "$raftpad_jdk" ]; then
    echo "Raftpad needs a JDK $RAFTPAD_MIN_JDK or newer and found none (looked at \$JAVA_HOME, the javac on PATH, /usr/lib/jvm, /usr/java, /opt, SDKMAN): install one, or set JAVA_HOME to it." >&2
    return 1
  fi
  if [ -n "${JAVA_HOME-}" ] && [ "$raftpad_jdk" != "$JAVA_HOME" ]; then
    echo "Note: JAVA_HOME=$JAVA_HOME is not a JDK $RAFTPAD_MIN_JDK or newer; using $raftpad_jdk." >&2
  fi
  JAVA_HOME=$raftpad_jdk
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
}
