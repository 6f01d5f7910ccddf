// The app settings of the web app, as one resource: it needs outputs of every other module (identity, database,
// Language, Key Vault secret, Application Insights), and the web app's own host name.
import { appSettingsType } from 'types.bicep'

@description('Name of the existing web app.')
param siteName string

@description('App settings: names match the configuration keys of the app (double underscore for sections).')
param settings appSettingsType

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: siteName
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: settings
}
