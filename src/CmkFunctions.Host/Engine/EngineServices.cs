using CmkFunctions.Workflows;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CmkFunctions.Host.Engine;

/// <summary>The Durable Task engine in the self-hosted host: the worker as a hosted service and a <see cref="DurableTaskClient"/>.</summary>
public static class EngineServices
{
    /// <summary>Runs the product's workflows (<see cref="WorkflowCatalog"/>).</summary>
    public static IServiceCollection AddDurableTaskEngine(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDurableTaskEngine(configuration, new EngineWorkflows(WorkflowCatalog.Orchestrators, WorkflowCatalog.Activities));

    /// <summary>Runs the given workflows; each activity class is created per call from its own scope.</summary>
    /// <exception cref="InvalidOperationException">The <c>extensions:durableTask</c> settings or the storage connection string are invalid.</exception>
    public static IServiceCollection AddDurableTaskEngine(this IServiceCollection services, IConfiguration configuration, EngineWorkflows workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var settings = DurableTaskSettings.FromConfiguration(configuration);
        var workerOptions = new DurableTaskWorkerOptions();
        foreach (var activity in workflows.Activities)
        {
            services.TryAddTransient(activity);
        }

        services.AddSingleton(workflows);
        services.AddSingleton(provider => new DurableTaskShimFactory(workerOptions, provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider => CreateOrchestrationService(settings, provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<DurableTaskClient>(provider => new TaskHubDurableTaskClient(
            settings.HubName,
            provider.GetRequiredService<AzureStorageOrchestrationService>(),
            workerOptions.DataConverter,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<DurableTaskEngine>();
        return services;
    }

    private static AzureStorageOrchestrationService CreateOrchestrationService(DurableTaskSettings settings, ILoggerFactory loggerFactory) =>
        new(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(settings.StorageConnectionString),
            // Several hosts on one machine share the hub; each needs its own id to own partitions.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            PartitionCount = settings.PartitionCount,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            ControlQueueBatchSize = settings.ControlQueueBatchSize,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions,
            // Scheduling an unfinished instance's id again then fails instead of being silently ignored.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
}
