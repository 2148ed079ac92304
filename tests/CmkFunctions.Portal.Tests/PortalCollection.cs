using CmkFunctions.Testing;

namespace CmkFunctions.Portal.Tests;

[CollectionDefinition(IntegrationFixture.Collection)]
public sealed class PortalCollectionDefinition : ICollectionFixture<IntegrationFixture>;
