using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using PortableDataConverter = Microsoft.DurableTask.DataConverter;

namespace CmkFunctions.Host.Engine;

/// <summary>
/// The engine's converter for what the client writes (inputs, event payloads, termination output), delegating to the
/// portable SDK's converter (System.Text.Json) that orchestrators and activities read and write with, instead of the
/// engine's default Newtonsoft converter.
/// </summary>
internal sealed class CoreDataConverterAdapter(PortableDataConverter portable) : CoreDataConverter
{
    public override string Serialize(object value) => portable.Serialize(value)!;

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => portable.Deserialize(data, objectType)!;
}
