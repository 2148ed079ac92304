// Deployed after the app's code, by ./subscribe-keyvault-events.sh (azd's postdeploy hook): Event Grid validates a
// webhook when the subscription is made, and the Functions host checks the key in its URL, so both need the deployed
// app. Makes the webhook's shared secret (the app setting Cmk:EventWebhookSecret) a host-level function key named
// `eventgrid`, then subscribes the app's KeyVaultEvents function to the demo vault's system topic with `?code=<secret>`:
// the one secret satisfies the Functions host (AuthorizationLevel.Function) and the app's own check.
targetScope = 'resourceGroup'

@description('The deployed function app (AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@description('The demo vault\'s Event Grid system topic (CMK_KEY_VAULT_EVENTS_TOPIC).')
param systemTopicName string

resource app 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' existing = {
  parent: app
  name: 'appsettings'
}

var eventWebhookSecret = appSettings.list().properties.Cmk__EventWebhookSecret

// Bicep ships no types for Microsoft.Web/sites/host/functionKeys in any API version (BCP081), so the compiler cannot
// check this resource's properties; they are the two the Web Apps REST API documents for a host key.
#disable-next-line BCP081
resource webhookKey 'Microsoft.Web/sites/host/functionKeys@2024-11-01' = {
  name: '${app.name}/default/eventgrid'
  properties: {
    name: 'eventgrid'
    value: eventWebhookSecret
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource keyVaultEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'cmkfunctions'
  dependsOn: [ webhookKey ]
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/api/events/keyvault?code=${eventWebhookSecret}'
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.KeyNewVersionCreated'
        'Microsoft.KeyVault.KeyNearExpiry'
        'Microsoft.KeyVault.KeyExpired'
        'Microsoft.KeyVault.VaultAccessPolicyChanged'
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
  }
}
