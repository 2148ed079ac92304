#!/bin/sh
# azd postdeploy hook: deploys ./keyvault-events.bicep, which makes the webhook's shared secret a function key and
# subscribes the deployed app's Key Vault events webhook to the demo vault's Event Grid system topic. It runs after
# deploy because Event Grid validates the webhook, and the Functions host checks its key, against the running code.
# Idempotent: every `azd up` or `azd deploy` re-applies it. Needs the Azure CLI, signed in (`az login`).
set -eu
# azd passes its environment to hooks; loading it here too lets the script run on its own.
eval "$(azd env get-values)"
az deployment group create \
  --subscription "$AZURE_SUBSCRIPTION_ID" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name keyvault-events \
  --template-file "$(dirname "$0")/keyvault-events.bicep" \
  --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$CMK_KEY_VAULT_EVENTS_TOPIC" \
  --output none
echo "Key Vault events of $CMK_KEY_VAULT_URL now reach $CMK_HOST_URL/api/events/keyvault"
