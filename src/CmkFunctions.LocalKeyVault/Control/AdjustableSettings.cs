namespace CmkFunctions.LocalKeyVault.Control;

/// <summary>
/// Settings read from the configuration file that the control API can replace while the tool runs (tests set tiny
/// limits or turn on delivery faults) and put back. Changes are not persisted: a restart starts from the file again.
/// </summary>
public sealed class AdjustableSettings<T>(T configured)
    where T : class
{
    private T _current = configured;

    /// <summary>What the configuration file (over the built-in defaults) says.</summary>
    public T Configured { get; } = configured;

    public T Current => Volatile.Read(ref _current);

    public void Set(T settings) => Volatile.Write(ref _current, settings);

    public void Reset() => Set(Configured);
}
