using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connector.Falcon.Json;

/// <summary>Reads Falcon bodies tolerantly: an empty or non-JSON body (a proxy's error page) reads as null, not as an exception.</summary>
internal static class FalconEnvelopeReader
{
    public static async Task<T?> ReadAsync<T>(HttpContent content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        return Parse(bytes, typeInfo);
    }

    public static T? Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The envelope's errors as public records; an error status without a readable error gets one from the status line.</summary>
    public static List<FalconApiError> ErrorsOf<T>(FalconEnvelope<T>? envelope, HttpResponseMessage response)
    {
        var errors = PublicErrors(envelope?.Errors);
        if (errors.Count == 0 && !response.IsSuccessStatusCode)
        {
            errors.Add(new FalconApiError((int)response.StatusCode, response.ReasonPhrase ?? $"HTTP {(int)response.StatusCode}"));
        }

        return errors;
    }

    public static List<FalconApiError> PublicErrors(IEnumerable<FalconErrorDto?>? errors) =>
        [.. (errors ?? []).OfType<FalconErrorDto>().Select(ToPublic)];

    public static FalconApiError ToPublic(FalconErrorDto error) =>
        new(error.Code ?? 0, error.Message ?? "") { Id = error.Id };
}
