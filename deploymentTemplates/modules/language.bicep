// Azure AI Language (kind TextAnalytics) for language, sentiment, key phrases and personal data. Local (key)
// authentication is off: only Entra tokens of an identity with "Cognitive Services User" are accepted, which needs the
// custom subdomain endpoint.
import { tagsType } from 'types.bicep'

@description('Name of the Language resource; also its custom subdomain (globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagsType

@description('Pricing tier: F0 (free, 5,000 text records a month, one per subscription) or S (pay per 1,000 text records).')
@allowed([
  'F0'
  'S'
])
param skuName string

@description('Name of the user-assigned managed identity that calls the service.')
param userIdentityName string

// Built-in role "Cognitive Services User": call the data-plane APIs with an Entra token.
var cognitiveServicesUserRoleId = 'a97b65f3-24c7-4388-baec-2e87135dc908'

resource user 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: userIdentityName
}

resource language 'Microsoft.CognitiveServices/accounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: skuName
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource languageUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(language.id, user.id, cognitiveServicesUserRoleId)
  scope: language
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesUserRoleId)
    principalId: user.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = language.properties.endpoint
