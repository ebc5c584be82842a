# Sourced by .ci/run: points JAVA_HOME at a JDK 21+ when the default java is older. Maven itself
# runs fine on 17 (the toolchains plugin finds a 21+ JDK for compiling and testing), but running
# Maven on the newer JDK too saves starting a second JVM kind and is what CI measures.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$current_java" >/dev/null 2>&1 || [ "$(java_major "$current_java")" -lt 21 ] 2>/dev/null; then
    for candidate in /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
        fi
    done
fi

if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ] 2>/dev/null; then
    echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "Install one, e.g. Eclipse Temurin 21 or 25, and set JAVA_HOME to it." >&2
    exit 1
fi
echo "Using JDK at $JAVA_HOME ($(java_major "$JAVA_HOME/bin/java"))"
