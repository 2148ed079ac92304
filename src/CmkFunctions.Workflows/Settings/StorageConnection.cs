using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Settings;

/// <summary>
/// The storage account that holds records, indexes and disks. Locally a connection string
/// (<c>ConnectionStrings:Storage</c>); in Azure an identity-based connection as Functions names it: <c>Storage:blobServiceUri</c>,
/// <c>Storage:tableServiceUri</c> and <c>Storage:clientId</c> (a user-assigned managed identity).
/// </summary>
public static class StorageConnection
{
    public const string ConnectionName = "Storage";

    private static readonly TimeSpan TableRequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BlobRequestTimeout = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionName);
        var identityBased = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton(new BlobServiceClient(connectionString, WithTimeout(new BlobClientOptions(), BlobRequestTimeout)));
            services.AddSingleton(new TableServiceClient(connectionString, WithTimeout(new TableClientOptions(), TableRequestTimeout)));
        }
        else if (identityBased["blobServiceUri"] is { Length: > 0 } blobs && identityBased["tableServiceUri"] is { Length: > 0 } tables)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = identityBased["clientId"] });
            services.AddSingleton(new BlobServiceClient(new Uri(blobs), credential, WithTimeout(new BlobClientOptions(), BlobRequestTimeout)));
            services.AddSingleton(new TableServiceClient(new Uri(tables), credential, WithTimeout(new TableClientOptions(), TableRequestTimeout)));
        }
        else
        {
            throw new InvalidOperationException(
                "No storage account: set ConnectionStrings:Storage (environment variable ConnectionStrings__Storage) to a connection string, "
                + "or Storage:blobServiceUri and Storage:tableServiceUri (Storage__blobServiceUri, Storage__tableServiceUri) with Storage:clientId.");
        }

        services.AddSingleton(provider => provider.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(provider.GetRequiredService<IOptions<CmkOptions>>().Value.DisksContainer));
        return services;
    }

    /// <summary>
    /// A storage request left unanswered this long is abandoned and retried, rather than waited on for the SDK's default
    /// 100 seconds: a healthy account answers a record operation well within it, and moves a chunk (4 MiB by default)
    /// well within the blob one.
    /// </summary>
    private static T WithTimeout<T>(T options, TimeSpan timeout)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.NetworkTimeout = timeout;
        return options;
    }
}
