using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCtiSim.Stix;

/// <summary>JSON output like Node's <c>JSON.stringify</c>: quotes and non-ASCII text unescaped, one line.</summary>
internal static class SimJson
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Serializer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
