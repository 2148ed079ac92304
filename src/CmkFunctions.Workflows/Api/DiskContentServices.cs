using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Api;

/// <summary>What the disk content handlers depend on, taken from the request's services.</summary>
public sealed record DiskContentServices(
    ResourceRecords Records,
    KeyAccessRecheck Recheck,
    DiskContentReader Reader,
    DiskWriter Writer,
    ResourceKeyCache Keys,
    TimeProvider Time,
    IOptions<CmkOptions> Options,
    ILoggerFactory Loggers,
    HttpContext Http)
{
    public static DiskContentServices From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return new DiskContentServices(
            services.GetRequiredService<ResourceRecords>(),
            services.GetRequiredService<KeyAccessRecheck>(),
            services.GetRequiredService<DiskContentReader>(),
            services.GetRequiredService<DiskWriter>(),
            services.GetRequiredService<ResourceKeyCache>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<CmkOptions>>(),
            services.GetRequiredService<ILoggerFactory>(),
            http);
    }
}
