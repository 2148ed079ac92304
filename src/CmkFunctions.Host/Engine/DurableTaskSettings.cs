using System.Text.RegularExpressions;

namespace CmkFunctions.Host.Engine;

/// <summary>
/// The Durable Task engine's settings, read where a Functions app reads them: the <c>extensions:durableTask</c> section
/// of <c>host.json</c> (<c>hubName</c>, <c>storageProvider:partitionCount</c>, ...), with Durable Functions' defaults.
/// The task hub lives in the storage account of <c>ConnectionStrings:Storage</c>.
/// </summary>
public sealed partial record DurableTaskSettings
{
    public const string Section = "extensions:durableTask";
    public const string DefaultHubName = "CmkFunctions";

    public required string StorageConnectionString { get; init; }

    public string HubName { get; init; } = DefaultHubName;

    public int PartitionCount { get; init; } = 4;

    /// <summary>How long an idle worker may wait between queue polls: also how late it may see events and timers.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int ControlQueueBatchSize { get; init; } = 32;

    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an orchestration message a worker took stays hidden: how soon another worker sees it after a crash.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <exception cref="InvalidOperationException">A setting is missing or out of range; the message names it.</exception>
    public static DurableTaskSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetConnectionString("Storage");
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Storage is not set (environment variable ConnectionStrings__Storage); the task hub lives there.");
        }

        var section = configuration.GetSection(Section);
        var defaults = new DurableTaskSettings { StorageConnectionString = storage };
        var settings = defaults with
        {
            HubName = section.GetValue("hubName", defaults.HubName)!,
            PartitionCount = section.GetValue("storageProvider:partitionCount", defaults.PartitionCount),
            MaxQueuePollingInterval = section.GetValue("storageProvider:maxQueuePollingInterval", defaults.MaxQueuePollingInterval),
            ControlQueueBatchSize = section.GetValue("storageProvider:controlQueueBatchSize", defaults.ControlQueueBatchSize),
            WorkItemQueueVisibilityTimeout = section.GetValue("storageProvider:workItemQueueVisibilityTimeout", defaults.WorkItemQueueVisibilityTimeout),
            ControlQueueVisibilityTimeout = section.GetValue("storageProvider:controlQueueVisibilityTimeout", defaults.ControlQueueVisibilityTimeout),
            MaxConcurrentActivityFunctions = section.GetValue("maxConcurrentActivityFunctions", defaults.MaxConcurrentActivityFunctions),
            MaxConcurrentOrchestratorFunctions = section.GetValue("maxConcurrentOrchestratorFunctions", defaults.MaxConcurrentOrchestratorFunctions),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (!HubNameRule().IsMatch(HubName))
        {
            throw new InvalidOperationException(
                $"{Section}:hubName '{HubName}' is not a valid task hub name: use 3 to 45 letters and digits, starting with a letter.");
        }

        Require(PartitionCount is >= 1 and <= 16, "storageProvider:partitionCount", "between 1 and 16");
        Require(MaxQueuePollingInterval > TimeSpan.Zero, "storageProvider:maxQueuePollingInterval", "a positive duration (00:00:01)");
        Require(ControlQueueBatchSize is >= 1 and <= 32, "storageProvider:controlQueueBatchSize", "between 1 and 32");
        Require(WorkItemQueueVisibilityTimeout > TimeSpan.Zero, "storageProvider:workItemQueueVisibilityTimeout", "a positive duration");
        Require(ControlQueueVisibilityTimeout > TimeSpan.Zero, "storageProvider:controlQueueVisibilityTimeout", "a positive duration");
        Require(MaxConcurrentActivityFunctions >= 1, "maxConcurrentActivityFunctions", "at least 1");
        Require(MaxConcurrentOrchestratorFunctions >= 1, "maxConcurrentOrchestratorFunctions", "at least 1");
    }

    private static void Require(bool holds, string setting, string expected)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"{Section}:{setting} must be {expected}.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNameRule();
}
