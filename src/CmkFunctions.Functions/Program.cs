using CmkFunctions.Workflows.Retention;
using CmkFunctions.Workflows.Settings;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCmkWorkflows(builder.Configuration);
// The worker's services have no Durable client: its wrapper creates this activity with the invocation's bound client.
builder.Services.RemoveAll<PurgeFinishedOperations>();
builder.Build().Run();
