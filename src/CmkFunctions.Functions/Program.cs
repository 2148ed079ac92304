using CmkFunctions.Workflows.Settings;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCmkWorkflows(builder.Configuration);
builder.Build().Run();
