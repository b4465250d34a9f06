#!/usr/bin/env bash
# Plans one environment of the lginform stack from a signed-in session, the
# way the deployment workflow does: the Lambda bundle first (plan reads it),
# then init with the state bucket, validate, and a saved plan.
#   TF_STATE_BUCKET=<state_bucket output of environments/bootstrap> plan-environment.sh dev
# Apply dev yourself with `terraform apply dev.tfplan` in environments/dev;
# test and prod are applied only by the deployment workflow.
set -euo pipefail

environment=${1:-}
if [[ ! $environment =~ ^(dev|test|prod)$ ]]; then
  echo "usage: plan-environment.sh dev|test|prod (got '${environment}')" >&2
  exit 2
fi
if [[ -z ${TF_STATE_BUCKET:-} ]]; then
  echo "TF_STATE_BUCKET is not set: set it to the state_bucket output of environments/bootstrap (terraform output -raw state_bucket there)." >&2
  exit 2
fi
terraform_dir=$(cd "$(dirname "$0")" && pwd)
example_dir=$(dirname "$terraform_dir")

# #region plan-environment
npm run build:lambda --workspace @rbk-lbs/example-lginform
(cd "$example_dir/.data/lambda" && zip -q -r extract-and-land.zip index.mjs index.mjs.map index.mjs.LEGAL.txt datasets.json)
cd "$terraform_dir/environments/$environment"
terraform init -reconfigure -backend-config="bucket=${TF_STATE_BUCKET}"
terraform validate
terraform plan -lock-timeout=5m -out="$environment.tfplan"
# #endregion plan-environment
