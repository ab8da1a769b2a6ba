#!/usr/bin/env bash
# Behaviour snapshot: runs a fixed set of commands and writes each one's output to a file, so
# that two builds (before and after a refactoring) can be compared byte for byte:
#
#   tests/behaviour/run.sh /tmp/before target/release/polsearch    # on the old build
#   tests/behaviour/run.sh /tmp/after  target/release/polsearch    # on the new build
#   diff -r /tmp/before /tmp/after && echo identical
#
# Covers the demo corpus (searches with filters and facets, stats, retention and its per-company
# tables, exports, clauses, history,
# diff, an incremental update), ../shared/corpus/ota and the evaluation commands' reports when
# present, and the unpacked version history corpus when HISTORY=DIR names it. Timings (`elapsed_ms`, "in 12 ms") and the index's
# size on disk (tantivy's segment files vary by a few bytes from run to run) are blanked;
# everything else must match. Each file's last line is the command's exit status.
set -uo pipefail

out=${1:?usage: run.sh OUT_DIR [POLSEARCH_BINARY]}
bin=$(realpath "${2:-target/release/polsearch}")
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run NAME ARGS...: the command's stdout (timings blanked) and exit status to $out/NAME.
run() {
  local name=$1
  shift
  (cd "$work" && NO_COLOR=1 "$bin" "$@" 2>"$out/$name.err") | normalise >"$out/$name"
  echo "exit ${PIPESTATUS[0]}" >>"$out/$name"
  normalise <"$out/$name.err" >"$out/$name.stderr" && rm "$out/$name.err"
  [ -s "$out/$name.stderr" ] || rm "$out/$name.stderr"
}

# Timings and the scratch folder's name are blanked.
normalise() {
  sed -E -e "s#$work#WORK#g" -e 's/"elapsed_ms":[0-9.]+/"elapsed_ms":0/g' \
    -e 's/"index_bytes":[0-9]+/"index_bytes":0/' -e 's/^on disk: .*/on disk: N/' \
    -e 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/T/g'
}

# searches IDX PREFIX COMPANY: the search set, run against one index.
searches() {
  local idx=$1 p=$2 company=$3
  run "$p-search-plain.json" search "personal data" --index "$idx" --json -n 20
  run "$p-search-plain.txt" search "personal data" --index "$idx" -n 5
  run "$p-search-facets.json" search "share third parties" --index "$idx" --json --facets
  run "$p-search-company.json" search "cookies" --index "$idx" --json --company "$company" --facets
  run "$p-search-topic.json" search "data" --index "$idx" --json --topic data-retention --facets -n 30
  run "$p-search-kind.json" search "account" --index "$idx" --json --kind privacy-policy -n 15
  run "$p-search-boolean.json" search '"third party" +sell -cookies' --index "$idx" --json
  run "$p-search-question.json" search "how long do you keep my IP address?" --index "$idx" --json
  run "$p-search-retention.json" search "logs" --index "$idx" --json --retention-min 6m --facets
  run "$p-search-occurrences.json" search "email" --index "$idx" --json --occurrences --count occurrences --facets
  run "$p-search-latest.json" search "children" --index "$idx" --json --latest --current --facets
  run "$p-search-removed.json" search "data" --index "$idx" --json --removed --count documents --facets
  run "$p-search-since.json" search "privacy" --index "$idx" --json --since 2022 --until 2024-06 --per-company 2
  run "$p-search-page.json" search "information" --index "$idx" --json --offset 5 -n 5 --exact-total
  run "$p-search-field.json" search "topic:data-security encryption" --index "$idx" --json
  run "$p-search-phrase.json" search '"third parties"' --index "$idx" --json
  run "$p-search-and.json" search "logs AND months" --index "$idx" --json
  run "$p-search-boost.json" search "retention^2 months section:security" --index "$idx" --json
  run "$p-search-badsyntax.json" search "(unclosed data AND" --index "$idx" --json
  run "$p-search-stopwords.json" search "what is this" --index "$idx" --json -n 3
  run "$p-search-none.json" search "zzqqxxnotaword" --index "$idx" --json
  run "$p-search-badcompany.json" search "data" --index "$idx" --json --company "no such company"
  printf '{"query":"cookies","id":7,"topic":"data-retention","limit":2}\n{"query":"logs","company":"%s"}\nnot json\n' "$company" >"$work/queries.jsonl"
  run "$p-search-batch.json" search --queries "$work/queries.jsonl" --index "$idx" --facets
  run "$p-stats.json" stats --index "$idx" --json
  run "$p-stats.txt" stats --index "$idx"
  run "$p-retention.json" retention --index "$idx" --json
  run "$p-retention-cookies.json" retention --index "$idx" --json --cookies --company "$company"
  run "$p-retention.txt" retention --index "$idx"
  run "$p-retention-companies.json" retention "logs" --index "$idx" --json --companies --latest --retention-min 30d
  run "$p-retention-companies.txt" retention --index "$idx" --companies --retention-max 1y
  run "$p-export.csv" export --index "$idx"
  run "$p-export-occurrences.jsonl" export "logs" --index "$idx" --format jsonl --occurrences --topic data-retention
  run "$p-export-latest.tsv" export --index "$idx" --format tsv --latest --retention stated
}

# The demo corpus, copied so that it can be changed for the incremental update.
cp -r "$root/corpus" "$work/demo"
run demo-index.json index "$work/demo" --index "$work/demo-idx" --json -q --threads 2
searches "$work/demo-idx" demo "Acme"
run demo-history.json history "Fjord Mail" --index "$work/demo-idx" --json
run demo-history.txt history "Fjord Mail" --index "$work/demo-idx"
run demo-diff.json diff "Fjord Mail" --from 2021 --to 2025 --index "$work/demo-idx" --json
run demo-diff.txt diff "Fjord Mail" --from 2022 --to 2023 --index "$work/demo-idx"
for f in "Acme Analytics/Cookie Policy.html" "Borealis Health/Privacy Notice.html" \
  "Cobalt Games/privacy.txt" "Ember Bank/privacy-policy.md"; do
  name=$(echo "$f" | tr ' /' '__')
  run "demo-clauses-$name.json" clauses "$work/demo/$f" --json
  run "demo-clauses-$name.txt" clauses "$work/demo/$f"
done

# An incremental update: one file changed, one added, one removed.
printf '\nWe keep support tickets for 18 months and then delete them.\n' >>"$work/demo/Ember Bank/privacy-policy.md"
mkdir -p "$work/demo/Gale Radio"
printf '# Privacy\n\nGale Radio Ltd stores listening history for 2 years.\n\nWe never sell it.\n' >"$work/demo/Gale Radio/privacy.md"
rm "$work/demo/Driftwood Travel/Privacy Statement.txt"
run demo-update.json index "$work/demo" --index "$work/demo-idx" --json -q --threads 2
searches "$work/demo-idx" demo-updated "Ember"

if [ -d "$shared/corpus/ota" ]; then
  run ota-index.json index "$shared/corpus/ota" --index "$work/ota-idx" --json -q --threads 2
  searches "$work/ota-idx" ota "Reddit"
  run ota-clauses.json clauses "$shared/corpus/seeds/$(ls "$shared/corpus/seeds" | head -1)" --json
  # The evaluation commands' reports (JSON and human).
  run eval-company.json eval company "$shared/corpus/ota" --show wrong --json
  run eval-company eval company "$shared/corpus/ota" --show unknown
  run eval-company-domain eval company "$shared/corpus/opp115/sanitized_policies" --truth file-domain --show all
  run topics-eval.json topics eval "$shared/eval/opp115-topics/validation.csv" --json
  run topics-eval topics eval "$shared/eval/opp115-topics/validation.csv"
  run topics-eval-lexicon.json topics eval "$shared/eval/opp115-topics/validation.csv" --lexicon --json
  run eval-relevance.json eval relevance "$shared/eval/policyqa/dev.json" --json --threads 2
  run eval-relevance eval relevance "$shared/eval/policyqa/dev.json" --threads 2
else
  echo "behaviour: $shared/corpus/ota absent, OTA commands skipped" >&2
fi

if [ -n "${HISTORY:-}" ] && [ -d "$HISTORY" ]; then
  run history-index.json index "$HISTORY" --index "$work/hist-idx" --json -q --threads 2
  searches "$work/hist-idx" hist "TikTok"
  run hist-history.json history "TikTok" --index "$work/hist-idx" --json
  run hist-diff.json diff "TikTok" --from 2020 --to 2024 --index "$work/hist-idx" --json
fi
echo "behaviour: $(ls "$out" | wc -l) outputs in $out" >&2
