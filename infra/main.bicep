// CmkFunctions on Azure, provisioned by `azd up`: a Flex Consumption function app (.NET isolated, Durable Functions)
// whose only state store is one storage account, reached with a user-assigned identity; Application Insights; and a
// demo Key Vault with the platform key and the Event Grid system topic for its key events. The topic's subscription
// to the app's webhook is made after deploy by ./keyvault-events.bicep (see ./subscribe-keyvault-events.sh).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource (one that offers Flex Consumption).')
param location string

@description('Object id of the deploying user or service principal: may manage keys in the demo vault. Empty: nobody.')
param principalId string = ''

@secure()
@description('Shared secret of the Key Vault events webhook (?code=...); azd generates it before the first provisioning.')
param eventWebhookSecret string

@description('Resource group the service\'s resources live in (Cmk:ResourceGroup). Empty: the deployment\'s own group.')
param cmkResourceGroup string = ''

@minLength(1)
@description('Application id URI of the API\'s Entra ID app registration (Cmk:ApiAudience), e.g. api://cmkfunctions-<env>; docs/deploy.md creates it.')
param apiAudience string

@description('Authority that issues the API\'s tokens (Cmk:ApiAuthority). Default: Entra ID for callers of any organization.')
param apiAuthority string = '${environment().authentication.loginEndpoint}organizations'

@minValue(1)
@maxValue(1000)
@description('Most instances the function app scales out to.')
param maximumInstanceCount int = 40

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  name: 'identity'
  params: { name: 'id-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  scope: group
  name: 'storage'
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    appPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  name: 'monitoring'
  params: { name: token, location: location, tags: tags, appPrincipalId: identity.outputs.principalId }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: group
  name: 'keyvault'
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    serviceIdentityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module functions 'modules/functions.bicep' = {
  scope: group
  name: 'functions'
  params: {
    name: 'func-${token}'
    location: location
    tags: tags
    azdServiceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    platformKeyUri: keyVault.outputs.platformKeyUri
    cmkResourceGroup: empty(cmkResourceGroup) ? group.name : cmkResourceGroup
    maximumInstanceCount: maximumInstanceCount
    eventWebhookSecret: eventWebhookSecret
    apiAudience: apiAudience
    apiAuthority: apiAuthority
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output CMK_HOST_URL string = functions.outputs.url
output CMK_KEY_VAULT_ID string = keyVault.outputs.id
output CMK_KEY_VAULT_URL string = keyVault.outputs.uri
output CMK_KEY_VAULT_EVENTS_TOPIC string = keyVault.outputs.eventsTopicName
output CMK_PLATFORM_KEY_URI string = keyVault.outputs.platformKeyUri
output CMK_SERVICE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
