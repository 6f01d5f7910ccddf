// Azure SQL logical server with Microsoft Entra-only authentication (no SQL logins, no password anywhere) and one
// serverless General Purpose database. The app's identity becomes a contained database user, created once by the
// Entra admin (see the README); the app applies its migrations at start.
import { tagsType } from 'types.bicep'

@description('Name of the logical server (globally unique, lowercase).')
param serverName string

@description('Name of the database.')
param databaseName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagsType

@description('Display name of the Microsoft Entra admin (a group is best, so admins change without a redeploy).')
param adminLogin string

@description('Object id of the Microsoft Entra admin group or user.')
param adminObjectId string

@description('Whether the Entra admin is a Group or a User.')
@allowed([
  'Group'
  'User'
])
param adminPrincipalType string

@description('Largest number of vCores the serverless database may scale to.')
@allowed([
  1
  2
  4
])
param maxVCores int

@description('Minutes without activity before the database pauses (at least 15); -1 never pauses.')
param autoPauseDelayMinutes int

@description('Largest database size in GB.')
@minValue(1)
@maxValue(1024)
param maxSizeGb int

@description('Where backups are kept: Local (one datacenter), Zone (three zones of the region) or Geo (also the paired region, North Europe; still in the EU).')
@allowed([
  'Local'
  'Zone'
  'Geo'
])
param backupStorageRedundancy string

resource server 'Microsoft.Sql/servers@2025-01-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    version: '12.0'
    minimalTlsVersion: '1.2'
    // Public endpoint, but the firewall admits only the web app's outbound addresses (sqlFirewall.bicep); there is
    // no "Allow Azure services" rule, which would admit every Azure customer's address.
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminLogin
      sid: adminObjectId
      principalType: adminPrincipalType
      tenantId: tenant().tenantId
    }
  }
}

resource database 'Microsoft.Sql/servers/databases@2025-01-01' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: {
    name: 'GP_S_Gen5'
    tier: 'GeneralPurpose'
    family: 'Gen5'
    capacity: maxVCores
  }
  properties: {
    // The smallest serverless minimum; it is what the database costs while it is awake and idle.
    minCapacity: json('0.5')
    autoPauseDelay: autoPauseDelayMinutes
    maxSizeBytes: maxSizeGb * 1024 * 1024 * 1024
    zoneRedundant: false
    requestedBackupStorageRedundancy: backupStorageRedundancy
  }
}

output serverName string = server.name
output serverFqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
