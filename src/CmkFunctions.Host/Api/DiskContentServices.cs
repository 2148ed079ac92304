using CmkFunctions.Host.Disks;
using CmkFunctions.Host.Hosting;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Host.Api;

/// <summary>What the disk content handlers depend on, bound with <c>[AsParameters]</c>.</summary>
public sealed record DiskContentServices(
    IGrainFactory Grains,
    DiskContentReader Reader,
    DiskWriter Writer,
    ResourceKeyCache Keys,
    TimeProvider Time,
    IOptions<CmkOptions> Options,
    ILoggerFactory Loggers,
    HttpContext Http);
