using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

/// <summary>The client against the local Key Vault's throttling, made tiny for the test: 429 with Retry-After is waited out.</summary>
[Collection(IntegrationFixture.Collection)]
public sealed class ThrottlingRetryTests(IntegrationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.Admin.ResetThrottlingAsync();

    [Fact]
    public async Task ClientWaitsOutThrottlingUntilKeyVaultServesTheRequest()
    {
        var name = LocalVaults.UniqueKeyName("throttled");
        var kid = await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var statuses = new ResponseStatuses();
        var options = fixture.CreateKeyVaultClientOptions();
        options.AddPolicy(statuses, HttpPipelinePosition.PerRetry);
        var client = new KeyVaultClient(fixture.KeyVault.VaultUri(LocalVaults.Demo), fixture.Credentials.Admin, options);
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        await fixture.Admin.SetThrottlingAsync(new JsonObject
        {
            ["scale"] = 1,
            ["windowSeconds"] = 1,
            ["keyOperations"] = new JsonObject { ["RSA-2048"] = 1 },
        });

        var wrapped = await client.WrapKeyAsync(name, kid.Version, resourceKey);
        var unwrapped = await client.UnwrapKeyAsync(name, kid.Version, wrapped.EncryptedKey);

        Assert.Equal(resourceKey, unwrapped.Key);
        Assert.Contains(429, statuses.Seen);
        Assert.Equal(200, statuses.Seen[^1]);
    }

    /// <summary>Every response the pipeline's transport returned, retries included.</summary>
    private sealed class ResponseStatuses : HttpPipelineSynchronousPolicy
    {
        private readonly List<int> _seen = [];

        public IReadOnlyList<int> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public override void OnReceivedResponse(HttpMessage message)
        {
            lock (_seen)
            {
                _seen.Add(message.Response.Status);
            }
        }
    }
}
