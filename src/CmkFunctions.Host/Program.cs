using CmkFunctions.Host.Hosting;

HostApp.Build(args).Run();

/// <summary>The host's entry point; public so tests can reference the assembly.</summary>
public partial class Program;
