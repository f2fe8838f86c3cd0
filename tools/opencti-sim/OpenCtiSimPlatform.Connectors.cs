using System.Text.Json.Nodes;
using OpenCtiSim.Events;

namespace OpenCtiSim;

public sealed partial class OpenCtiSimPlatform
{
    private readonly Dictionary<string, SimConnector> _connectors = new(StringComparer.Ordinal);

    /// <summary>Every registered connector.</summary>
    public IReadOnlyList<SimConnector> Connectors
    {
        get
        {
            lock (_gate)
            {
                return [.. _connectors.Values];
            }
        }
    }

    /// <summary>The connector with this id, or null.</summary>
    public SimConnector? GetConnector(string id)
    {
        lock (_gate)
        {
            return _connectors.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// "Reset state" from the UI: the stored state becomes <c>""</c> and the next <c>pingConnector</c> answers
    /// <c>connector_state: ""</c> without storing what it sent; the ping after that stores again.
    /// </summary>
    public SimConnector ResetConnectorState(string id)
    {
        lock (_gate)
        {
            var connector = _connectors.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"no connector '{id}'");
            var reset = connector with { State = string.Empty, StateResetPending = true };
            _connectors[id] = reset;
            AppendConnectorEvent("update", reset);
            return reset;
        }
    }

    /// <summary>Creates or updates a connector (a register is also a ping for the platform; the state is kept).</summary>
    internal SimConnector RegisterConnector(string id, string name, string type, IReadOnlyList<string> scope)
    {
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            var existing = _connectors.GetValueOrDefault(id);
            var connector = existing is null
                ? new SimConnector(id, name, type, scope, null, false, now, now, 0)
                : existing with { Name = name, Type = type, Scope = scope, LastPingAt = now };
            _connectors[id] = connector;
            AppendConnectorEvent(existing is null ? "create" : "update", connector);
            return connector;
        }
    }

    /// <summary>Stores the sent state, unless a reset is pending: then answers <c>""</c> once and clears the reset.</summary>
    internal SimConnector PingConnector(string id, string? state)
    {
        lock (_gate)
        {
            var connector = _connectors.GetValueOrDefault(id) ?? throw new KeyNotFoundException("No connector found with the specified ID");
            var now = Time.GetUtcNow();
            var pinged = connector.StateResetPending
                ? connector with { StateResetPending = false, LastPingAt = now, PingCount = connector.PingCount + 1 }
                : connector with { State = state, LastPingAt = now, PingCount = connector.PingCount + 1 };
            _connectors[id] = pinged;
            AppendConnectorEvent("update", pinged);
            return pinged;
        }
    }

    // Connectors are internal objects: their changes reach the event log with scope "internal" and never a client.
    private void AppendConnectorEvent(string type, SimConnector connector) =>
        Log.Append(eventId => EventFactory.Internal(
            eventId,
            type,
            $"{type}s a Connector `{connector.Name}`",
            new JsonObject { ["id"] = connector.Id, ["type"] = "connector", ["name"] = connector.Name }));
}
