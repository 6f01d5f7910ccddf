// Types shared by main.bicep and the modules.

@export()
@description('Tags: names and values are strings.')
type tagsType = {
  *: string
}

@export()
@description('App settings of a web app: names and values are strings.')
type appSettingsType = {
  *: string
}
