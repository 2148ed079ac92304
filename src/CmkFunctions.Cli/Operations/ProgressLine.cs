namespace CmkFunctions.Cli.Operations;

/// <summary>One line on stderr rewritten in place while a command waits; only when stderr is a terminal, never in a pipe or a log.</summary>
internal sealed class ProgressLine : IDisposable
{
    private const string ClearLine = "\r\u001b[K";

    private bool _written;

    public bool IsShown { get; } = !Console.IsErrorRedirected;

    public void Show(string text)
    {
        if (IsShown)
        {
            Console.Error.Write(ClearLine + text);
            _written = true;
        }
    }

    public void Dispose()
    {
        if (_written)
        {
            Console.Error.Write(ClearLine);
            _written = false;
        }
    }
}
