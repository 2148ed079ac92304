using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[CollectionDefinition(IntegrationFixture.Collection)]
public sealed class IntegrationCollectionDefinition : ICollectionFixture<IntegrationFixture>;
