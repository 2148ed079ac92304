// The service: a Flex Consumption function app (.NET isolated) on Durable Functions. It runs as the user-assigned
// identity and reaches storage, Key Vault, ARM and Application Insights with it: the only secret in its settings is
// the Event Grid webhook's shared secret.
param name string
param location string
param tags object

@description('The azure.yaml service this app hosts: azd finds the app by its azd-service-name tag, so only the app carries it.')
param azdServiceName string

param identityId string
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param appInsightsConnectionString string

@description('Versionless id of the platform key (Cmk:PlatformKeyUri).')
param platformKeyUri string

@description('Resource group the service\'s resources live in (Cmk:ResourceGroup).')
param cmkResourceGroup string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@secure()
@description('Shared secret of the Key Vault events webhook (Cmk:EventWebhookSecret).')
param eventWebhookSecret string

@description('Application id URI the API\'s bearer tokens must be issued for (Cmk:ApiAudience).')
param apiAudience string

@description('Authority whose OpenID Connect metadata validates the API\'s tokens (Cmk:ApiAuthority).')
param apiAuthority string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The Functions host and Durable Functions' task hub.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The product's records and disks.
    Storage__blobServiceUri: storageBlobEndpoint
    Storage__queueServiceUri: storageQueueEndpoint
    Storage__tableServiceUri: storageTableEndpoint
    Storage__credential: 'managedidentity'
    Storage__clientId: identityClientId
    Cmk__ManagementEndpoint: environment().resourceManager
    Cmk__ServiceIdentityClientId: identityClientId
    Cmk__PlatformKeyUri: platformKeyUri
    Cmk__ResourceGroup: cmkResourceGroup
    Cmk__EventWebhookSecret: eventWebhookSecret
    Cmk__ApiAudience: apiAudience
    Cmk__ApiAuthority: apiAuthority
    // The Functions host answers GET / with its own page unless told not to; the app's web page is served there.
    AzureWebJobsDisableHomepage: 'true'
    AZURE_CLIENT_ID: identityClientId
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
