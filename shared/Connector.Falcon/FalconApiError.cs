namespace Connector.Falcon;

/// <summary>One entry of a Falcon response's <c>errors</c> list.</summary>
/// <param name="Code">The code Falcon gave (usually the HTTP status).</param>
/// <param name="Message">Falcon's message.</param>
public sealed record FalconApiError(int Code, string Message)
{
    /// <summary>The id of the IOC the error is about, when Falcon names one.</summary>
    public string? Id { get; init; }

    /// <summary>True when the message says the type and value already exist.</summary>
    public bool IsDuplicate =>
        Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("already exist", StringComparison.OrdinalIgnoreCase)
        || Code == 409;

    /// <summary>True when the error says the IOC does not exist.</summary>
    public bool IsNotFound =>
        Code == 404 || Message.Contains("not found", StringComparison.OrdinalIgnoreCase);
}
