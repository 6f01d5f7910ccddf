// The Azure Bot: its identity is the user-assigned managed identity (new multi-tenant registrations are no longer
// accepted, and a managed identity needs no password). Channels: Microsoft Teams for professionals and Direct Line for
// the residents' web chat, with enhanced authentication so a token only works from the bot's own page. The Direct
// Line secret goes straight from the channel into Key Vault: no person ever needs to copy it.
import { tagsType } from 'types.bicep'

@description('Name (handle) of the Azure Bot, globally unique.')
param name string

@description('Display name of the bot in channels.')
param displayName string

@description('Tags for every resource.')
param tags tagsType

@description('F0 (10,000 premium-channel messages a month free) or S1 (pay per 1,000 premium-channel messages). Teams is a standard channel and free in both; Direct Line is a premium channel.')
@allowed([
  'F0'
  'S1'
])
param skuName string

@description('Host name of the web app, for the messaging endpoint and the trusted origin of the web chat.')
param appHostName string

@description('Name of the user-assigned managed identity that is the bot\'s Microsoft App ID.')
param identityName string

@description('Name of the Key Vault that receives the Direct Line secret.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the Direct Line secret.')
param directLineSecretName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // The Bot Service's channel relay is a global service; 'global' is the location every channel supports.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${appHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      // Deploying accepts the Microsoft Teams channel terms on behalf of the subscription owner (see the README).
      acceptedTerms: true
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          // Enhanced authentication: tokens are bound to a user id the bot chooses (dl_...) and only work from the
          // trusted origin, so a leaked token cannot be used from another site or to impersonate someone.
          isSecureSiteEnabled: true
          trustedOrigins: [
            'https://${appHostName}'
          ]
          // Residents have nothing to upload; an upload would be personal data the bot never asked for.
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource directLineSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: directLineSecretName
  properties: {
    value: directLine.listChannelWithKeys().setting.sites[0].key
    contentType: 'Direct Line secret of the Azure Bot ${bot.name} (site "Web chat")'
  }
}

output name string = bot.name
output directLineSecretName string = directLineSecret.name
