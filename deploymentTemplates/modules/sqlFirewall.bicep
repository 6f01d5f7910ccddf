// One SQL firewall rule per outbound address of the web app. A module of its own because the addresses are only known
// once the web app exists, and a resource loop needs its array at the start of the deployment that runs it.

@description('Name of the existing logical server.')
param serverName string

@description('The web app\'s possible outbound IPv4 addresses.')
param outboundIpAddresses string[]

resource server 'Microsoft.Sql/servers@2025-01-01' existing = {
  name: serverName
}

resource rules 'Microsoft.Sql/servers/firewallRules@2025-01-01' = [
  for address in outboundIpAddresses: {
    parent: server
    name: 'app-outbound-${replace(address, '.', '-')}'
    properties: {
      startIpAddress: address
      endIpAddress: address
    }
  }
]
