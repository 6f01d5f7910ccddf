// The one identity of the bot: the web app uses it for Azure SQL, Azure AI Language and Key Vault, and the Azure Bot
// uses it as the bot's Microsoft App ID (UserAssignedMSI), so no password or certificate exists anywhere.
import { tagsType } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags tagsType

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output clientId string = identity.properties.clientId
