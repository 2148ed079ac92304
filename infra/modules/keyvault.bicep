// A demo vault with the protections every resource kind accepts (soft delete + purge protection).
param name string
param location string
param tags object
param serviceIdentityPrincipalId string
param userPrincipalId string

var allKeyPermissions = [ 'get', 'list', 'create', 'update', 'delete', 'recover', 'rotate', 'wrapKey', 'unwrapKey' ]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    accessPolicies: concat(
      [ { tenantId: subscription().tenantId, objectId: serviceIdentityPrincipalId, permissions: { keys: [ 'get', 'wrapKey', 'unwrapKey' ] } } ],
      empty(userPrincipalId) ? [] : [ { tenantId: subscription().tenantId, objectId: userPrincipalId, permissions: { keys: allKeyPermissions } } ])
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
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
