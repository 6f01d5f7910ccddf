#!/usr/bin/env bash
# Runs every test of VeerkrachtBot on a fresh Debian machine with the .NET 10 SDK and Node.
# Installs what the tests need (Debian's Chromium for the browser tests; npm packages come with the build),
# builds warning-free, checks formatting against .editorconfig (a difference counts as one failure), runs all test projects, and ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/noto ] || [ ! -x /usr/bin/pdftoppm ]; then
  echo "Installing Debian's Chromium (and an emoji font, so the poll's faces show in screenshots) for the browser tests, and poppler-utils (pdftoppm) to render the report's PDF..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-color-emoji poppler-utils >/dev/null
fi

results="$PWD/artifacts/test-results"
export VEERKRACHT_SCREENSHOTS="$PWD/artifacts/screenshots"
rm -rf "$results"
mkdir -p "$results" "$VEERKRACHT_SCREENSHOTS"

dotnet build VeerkrachtBot.sln --nologo -v quiet -p:TreatWarningsAsErrors=true

status=0
# Formatting is settled by .editorconfig: any difference is a failure (run `dotnet format VeerkrachtBot.sln` to fix it).
format_failed=0
if ! dotnet format VeerkrachtBot.sln --verify-no-changes --no-restore -v quiet; then
  echo "dotnet format found code that does not follow .editorconfig; run: dotnet format VeerkrachtBot.sln"
  format_failed=1
  status=1
fi

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --nologo --results-directory "$results" --logger "trx;LogFileName=$name.trx" || status=$?
done

# Sum the counters of every test project's TRX file into the one closing line CI reads.
summary=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk -v format_failed="$format_failed" '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"|\/|>/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"] + format_failed, c["notExecuted"] }')
if [ -z "$summary" ]; then
  summary="0 passed, 1 failed"
  status=1
fi

echo "Screenshots: $VEERKRACHT_SCREENSHOTS"
if [ -n "${VEERKRACHT_TEST_SQLSERVER:-}" ]; then
  echo "Store contract tests ran on SQLite and on SQL Server (VEERKRACHT_TEST_SQLSERVER)."
else
  echo "Store contract tests ran on SQLite only; set VEERKRACHT_TEST_SQLSERVER to a connection string to run them on SQL Server too."
fi
echo "$summary"
exit $status
