using CmkFunctions.Cli;

return await CmkCommand.RunAsync(args);
