using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>
/// Bodies of <c>wrapkey</c>/<c>unwrapkey</c>: <c>{alg, value}</c> out, <c>{kid, value}</c> back. Built and read
/// byte by byte so that key material lives only in buffers the caller owns and zeroes, never in strings.
/// </summary>
internal static class KeyOperationJson
{
    public static byte[] CreateRequest(KeyWrapAlgorithm algorithm, ReadOnlySpan<byte> value)
    {
        var prefix = Encoding.UTF8.GetBytes("{\"alg\":\"" + algorithm.ToName() + "\",\"value\":\"");
        var suffix = "\"}"u8;
        var encodedLength = Base64Url.GetEncodedLength(value.Length);
        var body = new byte[prefix.Length + encodedLength + suffix.Length];
        prefix.CopyTo(body, 0);
        Base64Url.EncodeToUtf8(value, body.AsSpan(prefix.Length, encodedLength));
        suffix.CopyTo(body.AsSpan(prefix.Length + encodedLength));
        return body;
    }

    public static (KeyVaultKeyIdentifier KeyId, byte[] Value) ReadResult(ReadOnlySpan<byte> body)
    {
        string? kid = null;
        byte[]? value = null;
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("Key Vault's key operation result is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("kid"u8))
                {
                    reader.Read();
                    kid = reader.GetString();
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    value = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                        ? Base64Url.DecodeFromUtf8(reader.ValueSpan)
                        : throw new InvalidDataException("Key Vault's key operation result has no plain base64url 'value'.");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new InvalidDataException("Key Vault's key operation result is not valid JSON with a base64url value.", exception);
        }

        if (value is null)
        {
            throw new InvalidDataException("Key Vault's key operation result has no 'value'.");
        }

        if (!KeyVaultKeyIdentifier.TryCreate(kid, out var keyId, out var error))
        {
            Array.Clear(value);
            throw new InvalidDataException($"Key Vault's key operation result has kid '{kid}', which is not a key identifier: {error}.");
        }

        return (keyId, value);
    }
}
