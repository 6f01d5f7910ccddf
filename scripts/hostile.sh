#!/usr/bin/env bash
# Runs the hostile-input corpus (tests/hostile) against the bot as the README's run command starts it (Development,
# authentication off, demo data), on an empty database of its own, and prints the totals: requests, answers per
# status class, unhandled exceptions in the bot's log, database integrity and the rows refused requests created.
# The bot's replies go to a connector the run starts on loopback, the only service URL the bot is told to allow.
# The corpus sends all its cases from 127.0.0.1 within a minute, so the per-address limits on new conversations and
# new users (30 a minute each) are raised, as the suite's HostileInputTests do: they would otherwise answer the later
# cases with 429 before the content is ever read. Those limits have tests of their own (AmplificationTests).
set -euo pipefail
cd "$(dirname "$0")/.."

bot_port="${HOSTILE_BOT_PORT:-5077}"
connector_port="${HOSTILE_CONNECTOR_PORT:-5078}"
work="$(mktemp -d -t veerkracht-hostile-XXXXXX)"

dotnet build src/Bot/VeerkrachtBot.Bot.csproj --nologo -v quiet >/dev/null
dotnet build src/Tools/VeerkrachtBot.Tools.csproj --nologo -v quiet >/dev/null

(
  cd src/Bot
  ASPNETCORE_ENVIRONMENT=Development exec dotnet bin/Debug/net10.0/VeerkrachtBot.Bot.dll \
    --urls "http://127.0.0.1:${bot_port}" \
    --Database:Path="${work}/bot.db" \
    --Bot:AllowedServiceUrls:0="http://127.0.0.1:${connector_port}/" \
    --Bot:NewConversationsPerMinutePerClient=100000 \
    --Bot:NewUsersPerMinutePerClient=100000
) >"${work}/bot.log" 2>&1 &
bot_pid=$!
trap 'kill "${bot_pid}" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:${bot_port}/readyz" >/dev/null 2>&1; then break; fi
  sleep 1
done

status=0
dotnet run --project src/Tools --no-build -- hostile \
  --url "http://127.0.0.1:${bot_port}" --connector-port "${connector_port}" \
  --log "${work}/bot.log" --db "${work}/bot.db" || status=$?

kill "${bot_pid}" 2>/dev/null || true
wait "${bot_pid}" 2>/dev/null || true
echo "bot log and database: ${work}"
exit "${status}"
