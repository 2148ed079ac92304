// CmkFunctions on Azure: the host (ASP.NET Core + Orleans silo) in Container Apps, Orleans clustering,
// grain state and reminders in Azure Cache for Redis, disks in Blob Storage, and a demo Key Vault whose
// key events reach the host through an Event Grid system topic.
targetScope = 'resourceGroup'

@minLength(1)
@description('azd environment name; prefixes every resource name.')
param environmentName string

@description('Region of every resource; vaults used by resources must match their resource kind rules.')
param location string = resourceGroup().location

@description('Object id of the deploying user: gets key permissions on the demo vault.')
param principalId string = ''

@secure()
@description('Shared secret in the Event Grid webhook URL (?code=...); azd generates it before provisioning.')
param eventWebhookSecret string

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: 'id-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { name: 'st${token}', location: location, tags: tags }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: { name: 'redis-${token}', location: location, tags: tags }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    serviceIdentityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module host 'modules/host.bicep' = {
  name: 'host'
  params: {
    name: 'ca-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'host' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    redisName: redis.outputs.name
    eventWebhookSecret: eventWebhookSecret
  }
}

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = host.outputs.registryLoginServer
output CMK_HOST_URL string = host.outputs.url
output CMK_KEY_VAULT_ID string = keyVault.outputs.id
output CMK_KEY_VAULT_URL string = keyVault.outputs.uri
output CMK_SERVICE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
