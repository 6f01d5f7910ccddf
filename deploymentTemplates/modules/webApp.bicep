// Linux App Service plan and the web app that runs the bot (.NET 10). The app settings are a separate resource
// (appSettings.bicep) because they need the Azure Bot and the Key Vault secret, which in turn need this app's host name.
import { tagsType } from 'types.bicep'

@description('Name of the App Service plan.')
param planName string

@description('Name of the web app (globally unique; the default host name is <name>.azurewebsites.net).')
param siteName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagsType

@description('App Service plan size.')
param skuName string

@description('Number of instances; 2 or more for scale-out and for the health check to replace an unhealthy instance.')
@minValue(1)
@maxValue(10)
param instanceCount int

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: every instance can serve every request (state lives in the database).
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identity.id
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet VeerkrachtBot.Bot.dll'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The Direct Line stream of the web chat is a WebSocket.
      webSocketsEnabled: true
      healthCheckPath: '/readyz'
      remoteDebuggingEnabled: false
      use32BitWorkerProcess: false
    }
  }
}

// Publishing with a user name and password (FTP and the SCM site) is off; deploy with an Entra identity
// (az webapp deploy) instead.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output possibleOutboundIpAddresses string = site.properties.possibleOutboundIpAddresses
