#!/usr/bin/env bash
# Deploys the DAGs to an environment's Airflow host: sync them to its DAGs
# bucket, then have the host pull them with SSM Run Command (the host has no
# inbound port). Run by the deployment workflow after terraform apply, for
# test and then for prod, with the role of that environment.
#   deploy-dags.sh <dags bucket> <instance id>
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: deploy-dags.sh <dags bucket> <instance id> (the dags_bucket_name and airflow_instance_id outputs of the environment)" >&2
  exit 2
fi
dags_bucket=$1
instance_id=$2
dags_dir=$(dirname "$0")/../airflow/dags

aws s3 sync "$dags_dir" "s3://${dags_bucket}/dags/" --delete --exclude '*/__pycache__/*'
command_id=$(aws ssm send-command \
  --instance-ids "$instance_id" \
  --document-name AWS-RunShellScript \
  --comment "lginform DAGs at ${GITHUB_SHA:-a local checkout}" \
  --parameters "commands=[\"aws s3 sync s3://${dags_bucket}/dags/ /opt/airflow/dags/ --delete\",\"chown -R airflow:airflow /opt/airflow/dags\"]" \
  --query Command.CommandId --output text)
# wait exits non-zero when the command fails on the host.
aws ssm wait command-executed --command-id "$command_id" --instance-id "$instance_id"
aws ssm get-command-invocation --command-id "$command_id" --instance-id "$instance_id" --query Status --output text
