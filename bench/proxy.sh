#!/usr/bin/env bash
# A TCP proxy that delays every message by a fixed time in each direction and counts the client's round trips (there
# is no tc netem on these machines). The same class RoundTripsTest counts round trips with, run as a single file.
#
#   bench/proxy.sh <listen port, 0 for any> <server host> <server port> <delay ms each way> [count file]
set -euo pipefail
exec java "$(dirname "$0")/../src/test/java/io/github/dbmig/testing/RoundTripProxy.java" "$@"
