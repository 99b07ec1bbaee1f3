#!/usr/bin/env bash
# Makes sure the binaries `npm run test:queue` starts privately are present: redis-server and PostgreSQL's
# initdb/pg_ctl (Debian packages redis-server and postgresql). Installs what is missing with apt-get when
# running as root; otherwise says what to install. Starts no service: the test runs its own instances.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
	echo "queue services: redis-server and PostgreSQL are installed"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "queue services: missing ${missing[*]}; install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi

echo "queue services: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# The packages' own services are not needed (the test starts private instances); policy-rc.d keeps them from starting.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod +x "$policy"
	created_policy=true
fi
apt-get install -y --no-install-recommends "${missing[@]}" || { $created_policy && rm -f "$policy"; exit 1; }
$created_policy && rm -f "$policy"
command -v redis-server >/dev/null
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
echo "queue services: installed ${missing[*]}"
