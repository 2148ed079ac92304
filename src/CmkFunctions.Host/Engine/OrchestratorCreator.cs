using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace CmkFunctions.Host.Engine;

/// <summary>Creates a portable-SDK orchestrator class, wrapped for the engine, each time the engine runs an orchestration step.</summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type _orchestratorType;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;

    public OrchestratorCreator(string name, Type orchestratorType, DurableTaskShimFactory shims, IServiceProvider services)
    {
        Name = name;
        Version = string.Empty;
        _orchestratorType = orchestratorType;
        _shims = shims;
        _services = services;
    }

    public override TaskOrchestration Create()
    {
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.CreateInstance(_services, _orchestratorType);
        return _shims.CreateOrchestration(new TaskName(Name), orchestrator);
    }
}
