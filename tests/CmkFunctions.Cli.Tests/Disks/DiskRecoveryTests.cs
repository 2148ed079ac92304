using CmkFunctions.Testing;

namespace CmkFunctions.Cli.Tests.Disks;

/// <summary>
/// <c>cmk disk recover</c>: a disk's plaintext from blob storage and Key Vault alone, after the service is gone, as the
/// customer's own identity; and nothing at all when Key Vault refuses the unwrap.
/// </summary>
[Collection(CliTestFixture.Collection)]
public sealed class DiskRecoveryTests(CliTestFixture fixture) : IDisposable
{
    private readonly CliScenario _scenario = new(fixture);
    private readonly string _directory = Directory.CreateTempSubdirectory("cmk-recover-").FullName;

    [Fact]
    public async Task DiskIsRecoveredWithTheHostStoppedAndNotAtAllOnceTheKeyIsDisabled()
    {
        var source = await _scenario.UploadSourceAsync();
        var (key, identity) = await _scenario.KeyAndIdentityAsync();
        await _scenario.GrantAsync(identity);
        var name = CliTestFixture.Unique("recover");
        var host = await HostProcess.StartAsync(fixture.Integration, CliTestFixture.Unique("recover"), CliTestFixture.FastSettings);
        try
        {
            var created = await fixture.Cmk.WithEndpoint(host.BaseUri).RunAsync(_scenario.CreateHpcCache(name, key, identity, source));
            Assert.True(created.ExitCode == 0, created.ToString());
            Assert.Equal("Succeeded", created.Json["provisioningState"]!.GetValue<string>());
        }
        finally
        {
            await host.DisposeAsync();
        }

        // The customer's own identity (here the operator's) needs only Unwrap Key on the key's vault.
        await _scenario.Admin.AddAccessPolicyAsync(CliTestFixture.DemoVault, fixture.Integration.ApiOperator.PrincipalId, "unwrapKey");
        var recoveredFile = Path.Combine(_directory, "recovered.bin");
        var recovered = await RecoverAsync(name, recoveredFile);

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        Assert.Equal(_scenario.ExpectedDisk(), await File.ReadAllBytesAsync(recoveredFile));

        await _scenario.Admin.UpdateKeyAsync(CliTestFixture.DemoVault, key.Name, key.Version, enabled: false);
        var refusedFile = Path.Combine(_directory, "refused.bin");
        var refused = await RecoverAsync(name, refusedFile);

        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains("KeyDisabled", refused.Error, StringComparison.Ordinal);
        Assert.Contains("not allowed on a disabled key", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["recovered.bin"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MicrosoftManagedDiskIsRecoveredThroughThePlatformKey()
    {
        var (key, identity) = await _scenario.KeyAndIdentityAsync();
        await _scenario.GrantAsync(identity);
        var name = CliTestFixture.Unique("mmk");
        var created = await fixture.Cmk.RunAsync(
            "resource", "create", name,
            "--kind", "hdinsight",
            "--region", "eastus",
            "--subscription", fixture.Integration.KeyVault.SubscriptionId,
            "--key-uri", key.ToString(),
            "--vault-id", fixture.Integration.KeyVault.VaultResourceId(CliTestFixture.DemoVault),
            "--identity", "user",
            "--identity-client-id", identity.ClientId,
            "--property", "clusterType=kafka",
            "--disk", "os0:os:100000",
            "--disk", "data0:data:150000",
            "--disk", "temp0:temp:70000");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("Microsoft.Platform", created.Json["disks"]!.AsArray().Single(disk => disk!["name"]!.GetValue<string>() == "os0")!["keySource"]!.GetValue<string>());

        // The platform key is in the same vault: the caller's Unwrap Key there covers it, as the service operator's would.
        await _scenario.Admin.AddAccessPolicyAsync(CliTestFixture.DemoVault, fixture.Integration.ApiOperator.PrincipalId, "unwrapKey");
        var file = Path.Combine(_directory, "os0.bin");
        var recovered = await RecoverAsync(name, file, "os0");

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        Assert.Equal(new byte[100_000], await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task RecoveringADiskThatWasNeverStoredExitsOne()
    {
        var missing = await RecoverAsync(CliTestFixture.Unique("never"), Path.Combine(_directory, "missing.bin"));

        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("has no metadata", missing.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CmkRun> RecoverAsync(string resource, string file, string disk = CliScenario.Disk) =>
        fixture.Cmk.RunAsync(
            "disk", "recover",
            "--storage", fixture.Integration.AzuriteConnectionString,
            "--container", "disks",
            "--resource", resource,
            "--disk", disk,
            "--file", file,
            "--ca-cert", fixture.Integration.KeyVault.CaCertificatePath,
            "--disable-challenge-resource-verification");
}
