// A demo vault with the protections every resource kind accepts (soft delete + purge protection) and Azure RBAC
// for data access; the platform key the service wraps Microsoft-managed resource keys with; and the Event Grid
// system topic that publishes the vault's key events (subscribed to after deploy, see ../keyvault-events.bicep).
param name string
param location string
param tags object

@description('Principal (object) id of the service identity: uses the platform key and reads the vault\'s properties.')
param serviceIdentityPrincipalId string

@description('Object id of the deploying user or service principal: manages the demo keys. Empty: nobody.')
param userPrincipalId string

var roles = {
  // Get, wrap and unwrap keys: all the service does with the platform key.
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
  // Create, rotate and delete keys: for the person trying the service out.
  keyVaultCryptoOfficer: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'
  // The vault's ARM properties (soft delete, purge protection), which the service checks before using a key.
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
  }
}

resource platformKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'platform-key'
  tags: tags
  properties: {
    kty: 'RSA'
    keySize: 2048
    keyOps: [ 'wrapKey', 'unwrapKey' ]
  }
}

resource serviceUsesPlatformKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: platformKey
  name: guid(platformKey.id, serviceIdentityPrincipalId, roles.keyVaultCryptoServiceEncryptionUser)
  properties: {
    principalId: serviceIdentityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoServiceEncryptionUser)
  }
}

resource serviceReadsVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, serviceIdentityPrincipalId, roles.reader)
  properties: {
    principalId: serviceIdentityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.reader)
  }
}

// No principalType: the deployer may be a user or, in automation, a service principal.
resource userManagesKeys 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  scope: vault
  name: guid(vault.id, userPrincipalId, roles.keyVaultCryptoOfficer)
  properties: {
    principalId: userPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoOfficer)
  }
}

resource events 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${name}-events'
  location: location
  tags: tags
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

output id string = vault.id
output uri string = vault.properties.vaultUri
output platformKeyUri string = platformKey.properties.keyUri
output eventsTopicName string = events.name
