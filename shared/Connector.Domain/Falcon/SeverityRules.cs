namespace Connector.Domain.Falcon;

/// <summary>Falcon severity from the OpenCTI score, in the Python connector's bands.</summary>
public static class SeverityRules
{
    /// <summary>
    /// 0–19 informational, 20–39 low, 40–59 medium, 60–79 high, 80–100 critical. A missing score gives
    /// <paramref name="defaultSeverity"/> (Falcon refuses detect/prevent without a severity, which the Python
    /// connector sent). A score outside 0–100 is clamped into it: below 0 is informational, above 100 critical —
    /// OpenCTI does not produce such scores, and clamping keeps a typo from dropping the IOC.
    /// </summary>
    public static string FromScore(int? score, string defaultSeverity)
    {
        if (score is not { } value)
        {
            return defaultSeverity;
        }

        return Math.Clamp(value, 0, 100) switch
        {
            < 20 => FalconSeverities.Informational,
            < 40 => FalconSeverities.Low,
            < 60 => FalconSeverities.Medium,
            < 80 => FalconSeverities.High,
            _ => FalconSeverities.Critical,
        };
    }
}
