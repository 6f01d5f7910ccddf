// Key Vault for the secrets the app settings reference (@Microsoft.KeyVault(...)). Access is Azure RBAC only: the bot's
// identity may read secrets, nothing else. Purge protection means a deleted secret or vault can be recovered for
// softDeleteRetentionInDays and cannot be destroyed before that.
import { tagsType } from 'types.bicep'

@description('Name of the Key Vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagsType

@description('Name of the user-assigned managed identity that reads the secrets.')
param readerIdentityName string

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

// Built-in role "Key Vault Secrets User": read secret contents, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: readerIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    // App Service resolves Key Vault references from its platform, not from the app's outbound addresses, so a vault
    // firewall would need VNet integration; access is guarded by RBAC and the identity instead.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, reader.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: reader.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output uri string = vault.properties.vaultUri
