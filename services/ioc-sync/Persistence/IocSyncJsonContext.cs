using System.Text.Json.Serialization;
using Connector.Contracts;
using Connector.IocSync.Sagas;

namespace Connector.IocSync.Persistence;

/// <summary>Source-generated JSON for the saga's document columns (claimants and Falcon fields).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<Claimant>))]
[JsonSerializable(typeof(FalconIocFields))]
internal sealed partial class IocSyncJsonContext : JsonSerializerContext;
