// The host: ASP.NET Core + Orleans silo in Azure Container Apps, with its registry and environment.
// Silos find each other through Redis; each replica listens on the silo port inside the environment.
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param redisName string
@secure()
param eventWebhookSecret string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = { name: storageAccountName }
resource redis 'Microsoft.Cache/redis@2024-03-01' existing = { name: redisName }

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}'
  location: location
  tags: tags
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: replace('cr${name}', '-', '')
  location: location
  tags: tags
  sku: { name: 'Basic' }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identityId, 'acrpull')
  properties: {
    principalId: reference(identityId, '2023-01-31').principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${name}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
var redisConnection = '${redis.properties.hostName}:6380,password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  dependsOn: [ acrPull ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: { external: true, targetPort: 8080, transport: 'auto' }
      registries: [ { server: registry.properties.loginServer, identity: identityId } ]
      secrets: [
        { name: 'storage-connection', value: storageConnection }
        { name: 'redis-connection', value: redisConnection }
        { name: 'event-webhook-secret', value: eventWebhookSecret }
      ]
    }
    template: {
      containers: [
        {
          name: 'host'
          image: 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
            { name: 'ConnectionStrings__Storage', secretRef: 'storage-connection' }
            { name: 'ConnectionStrings__Redis', secretRef: 'redis-connection' }
            { name: 'Cmk__ManagementEndpoint', value: environment().resourceManager }
            { name: 'Cmk__ServiceIdentityClientId', value: identityClientId }
            { name: 'Cmk__ResourceGroup', value: resourceGroup().name }
            { name: 'Cmk__EventWebhookSecret', secretRef: 'event-webhook-secret' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 3 }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output registryLoginServer string = registry.properties.loginServer
