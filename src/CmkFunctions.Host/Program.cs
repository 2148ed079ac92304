using CmkFunctions.Host.Api;
using CmkFunctions.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCmkConfiguration(args);
builder.AddCmkSilo();
builder.Services.AddCmkServices(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapResourcesApi();
app.MapOperationsApi();
app.MapHealthApi();
app.MapDiskContentApi();
app.MapDisksApi();
app.MapEventsApi();
app.MapEncryptionApi();
app.Run();

/// <summary>The host's entry point; public so tests can reference the assembly.</summary>
public partial class Program;
