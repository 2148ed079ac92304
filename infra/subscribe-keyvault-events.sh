#!/bin/sh
# azd postdeploy hook: subscribe the deployed host's Event Grid webhook to the Key Vault's system topic.
# The subscription is created after deploy because Event Grid validates the webhook at creation.
set -eu
eval "$(azd env get-values)"
topic="$(basename "$CMK_KEY_VAULT_ID")-events"
group=$(echo "$CMK_KEY_VAULT_ID" | cut -d/ -f5)
az eventgrid system-topic event-subscription create \
  --name cmkfunctions-host \
  --resource-group "$group" \
  --system-topic-name "$topic" \
  --endpoint "$CMK_HOST_URL/api/events/keyvault?code=$CMK_EVENT_WEBHOOK_SECRET" \
  --included-event-types Microsoft.KeyVault.KeyNewVersionCreated Microsoft.KeyVault.KeyNearExpiry \
      Microsoft.KeyVault.KeyExpired Microsoft.KeyVault.VaultAccessPolicyChanged
