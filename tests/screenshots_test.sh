#!/usr/bin/env bash
# CTest: runs scripts/screenshots on the build tree and checks every PNG is a real, non-blank
# picture, and that each app wrote every screen in both kk and ru.
set -euo pipefail
SRC="$1" BUILD="$2" CHECK="$3"
"$SRC/scripts/screenshots" "$BUILD"
shopt -s nullglob
for app in "$BUILD"/screenshots/*/; do
  kk=("$app"*-kk.png) ru=("$app"*-ru.png)
  echo "$(basename "$app"): ${#kk[@]} screens in kk, ${#ru[@]} in ru"
  [ ${#kk[@]} -gt 0 ] && [ ${#kk[@]} -eq ${#ru[@]} ] || { echo "FAIL: kk and ru differ"; exit 1; }
done
"$CHECK" "$BUILD"/screenshots/*/*.png
