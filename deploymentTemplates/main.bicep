// VeerkrachtBot in one resource group: App Service (Linux, .NET 10), Azure Bot (Teams + Direct Line), Azure SQL
// serverless, Azure AI Language, Key Vault, Log Analytics + Application Insights, and one user-assigned managed
// identity that the app and the bot use for everything. See the README, "Deploy to Azure".
targetScope = 'resourceGroup'

import { tagsType } from 'modules/types.bicep'

@description('Which environment this is; part of every resource name and a tag.')
@allowed([
  'test'
  'production'
])
param environmentName string

@description('Azure region for every regional resource. West Europe keeps residents\' data in the EU.')
param location string = 'westeurope'

@description('Lowercase letters and digits that start every resource name.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'veerkracht'

@description('Display name of the Microsoft Entra group (or user) that administers the SQL server.')
param sqlAdminLogin string

@description('Object id of that Microsoft Entra group (or user).')
param sqlAdminObjectId string

@description('Whether the SQL admin is a Group or a User.')
@allowed([
  'Group'
  'User'
])
param sqlAdminPrincipalType string = 'Group'

@description('App Service plan size.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSkuName string = 'B1'

@description('Number of app instances (Basic allows up to 3).')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Largest number of vCores of the serverless database.')
@allowed([
  1
  2
  4
])
param sqlMaxVCores int = 1

@description('Minutes without activity before the serverless database pauses (at least 15); -1 never pauses.')
param sqlAutoPauseDelayMinutes int = 60

@description('Largest database size in GB.')
@minValue(1)
@maxValue(1024)
param sqlMaxSizeGb int = 32

@description('Backup storage redundancy of the database: Local, Zone or Geo (paired region North Europe, also in the EU).')
@allowed([
  'Local'
  'Zone'
  'Geo'
])
param sqlBackupStorageRedundancy string = 'Zone'

@description('Azure AI Language tier: F0 (free, 5,000 text records a month, one per subscription) or S.')
@allowed([
  'F0'
  'S'
])
param languageSkuName string = 'S'

@description('Azure Bot tier: F0 (10,000 Direct Line messages a month) or S1 (pay per 1,000 Direct Line messages).')
@allowed([
  'F0'
  'S1'
])
param botSkuName string = 'S1'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily ingestion cap of Log Analytics in GB; -1 for none.')
param logDailyQuotaGb int = 1

@description('Days a deleted Key Vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Extra tags for every resource (owner, cost centre, ...); application and environment are always set.')
param tags tagsType = {}

var allTags = union(tags, {
  application: 'VeerkrachtBot'
  environment: environmentName
})
var prefix = toLower(namePrefix)
var envShort = environmentName == 'production' ? 'prd' : 'tst'
// Names that must be unique across Azure get a suffix derived from the resource group, so a redeploy keeps them.
var suffix = take(uniqueString(resourceGroup().id, prefix, environmentName), 6)
var directLineSecretName = 'DirectLineSecret'
var identityName = 'id-${prefix}-${envShort}'
var keyVaultName = 'kv-${take(prefix, 9)}-${envShort}-${suffix}'
var sqlServerName = 'sql-${prefix}-${envShort}-${suffix}'
var siteName = 'app-${prefix}-${envShort}-${suffix}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${prefix}-${envShort}'
    appInsightsName: 'appi-${prefix}-${envShort}'
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: keyVaultName
    location: location
    tags: allTags
    readerIdentityName: identityName
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
  dependsOn: [
    identity
  ]
}

module sql 'modules/sql.bicep' = {
  name: 'sql'
  params: {
    serverName: sqlServerName
    databaseName: 'sqldb-${prefix}'
    location: location
    tags: allTags
    adminLogin: sqlAdminLogin
    adminObjectId: sqlAdminObjectId
    adminPrincipalType: sqlAdminPrincipalType
    maxVCores: sqlMaxVCores
    autoPauseDelayMinutes: sqlAutoPauseDelayMinutes
    maxSizeGb: sqlMaxSizeGb
    backupStorageRedundancy: sqlBackupStorageRedundancy
  }
}

module language 'modules/language.bicep' = {
  name: 'language'
  params: {
    name: 'lang-${prefix}-${envShort}-${suffix}'
    location: location
    tags: allTags
    skuName: languageSkuName
    userIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module webApp 'modules/webApp.bicep' = {
  name: 'webApp'
  params: {
    planName: 'asp-${prefix}-${envShort}'
    siteName: siteName
    location: location
    tags: allTags
    skuName: appServiceSkuName
    instanceCount: instanceCount
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${prefix}-${envShort}-${suffix}'
    displayName: environmentName == 'production' ? 'VeerkrachtBot' : 'VeerkrachtBot (test)'
    tags: allTags
    skuName: botSkuName
    appHostName: webApp.outputs.defaultHostName
    identityName: identityName
    keyVaultName: keyVaultName
    directLineSecretName: directLineSecretName
  }
  dependsOn: [
    identity
    keyVault
  ]
}

module sqlFirewall 'modules/sqlFirewall.bicep' = {
  name: 'sqlFirewall'
  params: {
    serverName: sqlServerName
    outboundIpAddresses: split(webApp.outputs.possibleOutboundIpAddresses, ',')
  }
  dependsOn: [
    sql
  ]
}

module appSettings 'modules/appSettings.bicep' = {
  name: 'appSettings'
  params: {
    siteName: siteName
    settings: {
      ASPNETCORE_ENVIRONMENT: 'Production'
      // appsettings.json sets Urls to localhost:3978 for development; App Service sends requests to port 8080.
      Urls: 'http://+:8080'
      WEBSITES_PORT: '8080'
      MicrosoftAppType: 'UserAssignedMSI'
      MicrosoftAppId: identity.outputs.clientId
      MicrosoftAppTenantId: tenant().tenantId
      Database__Provider: 'SqlServer'
      Database__ConnectionString: 'Server=tcp:${sql.outputs.serverFqdn},1433;Database=${sql.outputs.databaseName};Encrypt=True;TrustServerCertificate=False;Connect Timeout=30'
      Database__Authentication: 'ManagedIdentity'
      Azure__ManagedIdentityClientId: identity.outputs.clientId
      Language__Provider: 'Azure'
      Language__AzureEndpoint: language.outputs.endpoint
      Language__Authentication: 'ManagedIdentity'
      DirectLine__LocalEnabled: 'false'
      DirectLine__Secret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${bot.outputs.directLineSecretName})'
      Bot__PublicUrl: 'https://${webApp.outputs.defaultHostName}'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      Demo__Enabled: 'false'
    }
  }
}

@description('Name of the web app (for az webapp deploy).')
output webAppName string = siteName

@description('Where residents reach the bot.')
output webAppUrl string = 'https://${webApp.outputs.defaultHostName}'

@description('Name of the Azure Bot.')
output botName string = bot.outputs.name

@description('Name of the managed identity: the database user to create (see the README).')
output identityName string = identityName

@description('Client id of the managed identity: the bot\'s Microsoft App ID (for the Teams app manifest).')
output identityClientId string = identity.outputs.clientId

@description('Host name of the SQL server.')
output sqlServerFqdn string = sql.outputs.serverFqdn

@description('Name of the database.')
output sqlDatabaseName string = sql.outputs.databaseName

@description('Name of the Key Vault.')
output keyVaultName string = keyVaultName
