namespace FalconSim;

/// <summary>One entry of an envelope's <c>errors</c> list.</summary>
public sealed record ApiError(int Code, string Message);
