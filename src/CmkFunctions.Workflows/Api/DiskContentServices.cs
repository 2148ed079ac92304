using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Api;

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
