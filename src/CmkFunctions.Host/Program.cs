using CmkFunctions.Host.Engine;
using CmkFunctions.Host.Hosting;
using CmkFunctions.Workflows.Settings;

var builder = WebApplication.CreateBuilder(args);
builder.AddCmkConfiguration(args);
builder.Services.AddCmkWorkflows(builder.Configuration);
builder.Services.AddDurableTaskEngine(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHttpFunctions();
app.Run();

/// <summary>The host's entry point; public so tests can reference the assembly.</summary>
public partial class Program;
