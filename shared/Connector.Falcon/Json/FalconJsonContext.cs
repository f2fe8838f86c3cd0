using System.Text.Json.Serialization;

namespace Connector.Falcon.Json;

/// <summary>
/// Source-generated (de)serialisation of the Falcon wire types: snake_case names, nulls left out of requests
/// (Falcon reads a missing field as "unchanged"), numbers accepted as strings too.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(FalconEnvelope<FalconIocDto>))]
[JsonSerializable(typeof(FalconEnvelope<string>))]
[JsonSerializable(typeof(FalconEnvelope<System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(FalconTokenDto))]
[JsonSerializable(typeof(CreateIndicatorsRequest))]
[JsonSerializable(typeof(UpdateIndicatorsRequest))]
internal sealed partial class FalconJsonContext : JsonSerializerContext;
