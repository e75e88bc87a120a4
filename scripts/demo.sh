#!/usr/bin/env bash
# Runs the provider for real against the local Unipile emulator: build,
# apply the demo configuration, show what was created, prove a second plan
# is empty, destroy. Needs Go and a Terraform CLI; no network, no account.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
emulator_pid=""

cleanup() {
	if [[ -n "$emulator_pid" ]]; then
		kill "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Building the provider and the emulator"
go build -o "$work/bin/terraform-provider-unipile" "$root"
go build -o "$work/bin/unipile-emulator" "$root/cmd/unipile-emulator"

step "Starting the Unipile emulator on a loopback port"
export UNIPILE_API_KEY="demo-key-$RANDOM$RANDOM"
"$work/bin/unipile-emulator" -listen 127.0.0.1:0 -api-key "$UNIPILE_API_KEY" \
	-ready-file "$work/emulator-url" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do
	[[ -s "$work/emulator-url" ]] && break
	sleep 0.1
done
[[ -s "$work/emulator-url" ]] || { echo "the emulator did not start:"; cat "$work/emulator.log"; exit 1; }
export UNIPILE_DSN=$(cat "$work/emulator-url")
echo "emulator at $UNIPILE_DSN"

# A development override makes Terraform use the binary just built instead
# of a registry release; it lives in a CLI config of the demo's own.
cat >"$work/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/unipile/unipile" = "$work/bin"
  }
  direct {}
}
CONFIG
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
cp "$root/examples/demo/main.tf" "$work/main.tf"
cd "$work"

step "terraform apply"
terraform apply -auto-approve -input=false

step "The webhooks Unipile now holds"
terraform state list
terraform state show unipile_webhook.crm_messages

step "A second plan changes nothing"
set +e
terraform plan -detailed-exitcode -input=false >"$work/plan.txt"
plan_status=$?
set -e
if [[ $plan_status -ne 0 ]]; then
	cat "$work/plan.txt"
	echo "the second plan was not empty (exit $plan_status)"
	exit 1
fi
grep -E "No changes" "$work/plan.txt"

step "terraform destroy"
terraform destroy -auto-approve -input=false

step "Requests the emulator served"
cat "$work/emulator.log"
echo
echo "Demo finished: created, read back, planned with no changes, destroyed."
