namespace CmkFunctions.LocalKeyVault.Tests;

[Collection(SharedLocalKeyVault.Name)]
public sealed class SoftDeleteTests(LocalKeyVaultFixture fixture)
{
    private readonly KeyVaultCalls _demo = new(fixture.Tool, "cmkdemo");
    private readonly KeyVaultCalls _noPurge = new(fixture.Tool, "cmknopurge");

    [Fact]
    public async Task DeletedKeyIsOnlyVisibleUnderDeletedKeys()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);

        var (deleteStatus, deleted) = await _demo.CallAsync(HttpMethod.Delete, $"keys/{name}");
        var (getStatus, _) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}");
        var (deletedStatus, _) = await _demo.CallAsync(HttpMethod.Get, $"deletedkeys/{name}");
        var (_, list) = await _demo.CallAsync(HttpMethod.Get, "deletedkeys");

        Assert.Equal(200, deleteStatus);
        Assert.Equal($"{_demo.VaultUrl}deletedkeys/{name}", deleted!["recoveryId"]!.GetValue<string>());
        Assert.Equal(90L * 86_400, deleted["scheduledPurgeDate"]!.GetValue<long>() - deleted["deletedDate"]!.GetValue<long>());
        Assert.Equal(404, getStatus);
        Assert.Equal(200, deletedStatus);
        Assert.Contains(list!["value"]!.AsArray(), item => item!["recoveryId"]!.GetValue<string>().EndsWith($"/deletedkeys/{name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatingOverASoftDeletedNameIsAConflict()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await _demo.CallAsync(HttpMethod.Delete, $"keys/{name}");

        var (status, body) = await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/create", new { kty = "RSA" });

        Assert.Equal(409, status);
        Assert.Equal("ObjectIsDeletedButRecoverable", body!["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecoveredKeyComesBackWithItsVersions()
    {
        var name = KeyVaultCalls.NewKeyName();
        var kid = (await _demo.CreateKeyAsync(name))["key"]!["kid"]!.GetValue<string>();
        await _demo.CallAsync(HttpMethod.Delete, $"keys/{name}");

        var (status, _) = await _demo.CallAsync(HttpMethod.Post, $"deletedkeys/{name}/recover");
        var (getStatus, got) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}");
        var (deletedStatus, _) = await _demo.CallAsync(HttpMethod.Get, $"deletedkeys/{name}");

        Assert.Equal(200, status);
        Assert.Equal(200, getStatus);
        Assert.Equal(kid, got!["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(404, deletedStatus);
    }

    [Fact]
    public async Task PurgeIsForbiddenWhenPurgeProtectionIsOn()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await _demo.CallAsync(HttpMethod.Delete, $"keys/{name}");

        var (status, body) = await _demo.CallAsync(HttpMethod.Delete, $"deletedkeys/{name}");
        var (deletedStatus, _) = await _demo.CallAsync(HttpMethod.Get, $"deletedkeys/{name}");

        Assert.Equal(403, status);
        Assert.Equal("Forbidden", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(200, deletedStatus);
    }

    [Fact]
    public async Task PurgeRemovesTheKeyForGoodWithoutPurgeProtection()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _noPurge.CreateKeyAsync(name);
        await _noPurge.CallAsync(HttpMethod.Delete, $"keys/{name}");

        var (status, _) = await _noPurge.CallAsync(HttpMethod.Delete, $"deletedkeys/{name}");
        var (deletedStatus, _) = await _noPurge.CallAsync(HttpMethod.Get, $"deletedkeys/{name}");
        var (getStatus, _) = await _noPurge.CallAsync(HttpMethod.Get, $"keys/{name}");

        Assert.Equal(204, status);
        Assert.Equal(404, deletedStatus);
        Assert.Equal(404, getStatus);
    }

    [Fact]
    public async Task DeleteRemovesTheKeyForGoodWithoutSoftDelete()
    {
        var noSoftDelete = new KeyVaultCalls(fixture.Tool, "cmknosoftdelete");
        var name = KeyVaultCalls.NewKeyName();
        await noSoftDelete.CreateKeyAsync(name);

        var (status, deleted) = await noSoftDelete.CallAsync(HttpMethod.Delete, $"keys/{name}");
        var (deletedStatus, _) = await noSoftDelete.CallAsync(HttpMethod.Get, $"deletedkeys/{name}");
        var (createStatus, _) = await noSoftDelete.CallAsync(HttpMethod.Post, $"keys/{name}/create", new { kty = "RSA" });

        Assert.Equal(200, status);
        Assert.Null(deleted!["recoveryId"]);
        Assert.Equal("Purgeable", deleted["attributes"]!["recoveryLevel"]!.GetValue<string>());
        Assert.Equal(404, deletedStatus);
        Assert.Equal(200, createStatus);
    }
}
