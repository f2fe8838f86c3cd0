namespace FalconSim.Validation;

/// <summary>
/// Applies every rule of §4 of the spec to one create or update item and builds the resulting indicator.
/// Uniqueness and capacity need the store and are checked there, under its lock.
/// </summary>
internal sealed class IndicatorValidator(FalconSimOptions options)
{
    /// <summary>Validates a create item; on success the returned indicator has no id yet.</summary>
    public ValidationResult ForCreate(IndicatorInput input, string clientId, DateTimeOffset now, bool ignoreWarnings)
    {
        var errors = new List<string>();
        var value = input.Value ?? "";
        var label = $"value: '{value}'";
        var type = input.Type?.ToLowerInvariant();
        if (string.IsNullOrEmpty(input.Type))
        {
            errors.Add($"Type is required ({label}).");
        }
        else if (!ValueRules.Types.Contains(type!))
        {
            errors.Add($"Invalid type: '{input.Type}' ({label}). Valid types are: sha256, md5, domain, ipv4, ipv6.");
        }

        if (string.IsNullOrEmpty(input.Value))
        {
            errors.Add($"Value is required (type: '{input.Type}').");
        }
        else if (type is not null && ValueRules.Types.Contains(type) && !ValueRules.IsValidValue(type, value))
        {
            errors.Add($"Invalid value: '{value}' for type: '{type}'.");
        }

        if (string.IsNullOrEmpty(input.Action))
        {
            errors.Add($"Action is required ({label}).");
        }

        if (input.Platforms is null)
        {
            errors.Add($"Platforms are required ({label}).");
        }

        if (input.AppliedGlobally is null && input.HostGroups is null)
        {
            errors.Add($"Either applied_globally must be true or host_groups must be given ({label}).");
        }

        if (!ignoreWarnings && options.WarningValues.Contains(value))
        {
            errors.Add($"Warning: '{value}' is a very common value and may cause many detections; set ignore_warnings=true to create it.");
        }

        var expiration = ParseExpiration(input.Expiration, label, now, errors);
        var draft = new SimIndicator
        {
            Id = "",
            Type = type ?? "",
            Value = value,
            Action = input.Action ?? "",
            MobileAction = input.MobileAction ?? "no_action",
            Severity = input.Severity ?? "",
            Platforms = input.Platforms ?? [],
            Tags = input.Tags ?? [],
            HostGroups = input.HostGroups ?? [],
            AppliedGlobally = input.AppliedGlobally ?? false,
            Source = input.Source ?? "",
            Description = input.Description ?? "",
            Expiration = expiration,
            MetadataFilename = input.MetadataFilename ?? "",
            CreatedBy = clientId,
            CreatedOn = now,
            ModifiedBy = clientId,
            ModifiedOn = now,
        };
        CheckFields(draft, label, errors, checkType: ValueRules.Types.Contains(draft.Type));
        return new ValidationResult(errors.Count == 0 ? draft : null, errors);
    }

    /// <summary>Validates an update of <paramref name="current"/>; given fields replace, absent or null ones stay.</summary>
    public ValidationResult ForUpdate(SimIndicator current, IndicatorInput input, string clientId, DateTimeOffset now)
    {
        var errors = new List<string>();
        var label = $"id: '{current.Id}', value: '{current.Value}'";
        if (input.Type is not null && !string.Equals(input.Type, current.Type, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"The type of an indicator cannot be changed ({label}).");
        }

        if (input.Value is not null && !string.Equals(input.Value, current.Value, StringComparison.Ordinal))
        {
            errors.Add($"The value of an indicator cannot be changed ({label}).");
        }

        var expiration = input.Expiration is null ? current.Expiration : ParseExpiration(input.Expiration, label, now, errors);

        // An IOC whose expiration passed has been disarmed by Falcon: an update starts from that state, so a new
        // expiration alone reactivates it without an action, and the client has to send the action again.
        var basis = current.AsSeenAt(now);
        var updated = basis with
        {
            Action = input.Action ?? basis.Action,
            MobileAction = input.MobileAction ?? basis.MobileAction,
            Severity = input.Severity ?? basis.Severity,
            Platforms = input.Platforms ?? basis.Platforms,
            Tags = input.Tags ?? basis.Tags,
            HostGroups = input.HostGroups ?? basis.HostGroups,
            AppliedGlobally = input.AppliedGlobally ?? basis.AppliedGlobally,
            Source = input.Source ?? basis.Source,
            Description = input.Description ?? basis.Description,
            Expiration = expiration,
            Expired = expiration is { } e && e <= now,
            MetadataFilename = input.MetadataFilename ?? basis.MetadataFilename,
            ModifiedBy = clientId,
            ModifiedOn = now,
        };
        CheckFields(updated, label, errors, checkType: true);
        return new ValidationResult(errors.Count == 0 ? updated : null, errors);
    }

    private DateTimeOffset? ParseExpiration(string? text, string label, DateTimeOffset now, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!FalconTime.TryParse(text, out var expiration))
        {
            errors.Add($"Invalid expiration: '{text}' ({label}); expected an RFC 3339 time such as 2025-01-01T00:00:00Z.");
            return null;
        }

        if (options.RejectPastExpiration && expiration <= now)
        {
            errors.Add($"Expiration must be in the future: '{text}' ({label}).");
        }

        return expiration;
    }

    private void CheckFields(SimIndicator d, string label, List<string> errors, bool checkType)
    {
        if (d.Action.Length > 0)
        {
            if (!ValueRules.Actions.Contains(d.Action))
            {
                errors.Add($"Invalid action: '{d.Action}' ({label}). Valid actions are: no_action, allow, prevent_no_ui, prevent, detect.");
            }
            else if (checkType && ValueRules.HashOnlyActions.Contains(d.Action) && !ValueRules.IsHash(d.Type))
            {
                errors.Add($"Action '{d.Action}' is only valid for sha256 and md5 indicators, not '{d.Type}' ({label}).");
            }
        }

        if (d.Severity.Length > 0 && !ValueRules.Severities.Contains(d.Severity))
        {
            errors.Add($"Invalid severity: '{d.Severity}' ({label}). Valid severities are: informational, low, medium, high, critical.");
        }
        else if (d.Severity.Length == 0 && ValueRules.ActionsNeedingSeverity.Contains(d.Action))
        {
            errors.Add($"Severity is required for action '{d.Action}' ({label}).");
        }

        if (!ValueRules.MobileActions.Contains(d.MobileAction))
        {
            errors.Add($"Invalid mobile_action: '{d.MobileAction}' ({label}). Valid mobile actions are: no_action, allow, detect, prevent.");
        }

        if (d.Platforms.Count == 0 && !errors.Exists(e => e.StartsWith("Platforms are required", StringComparison.Ordinal)))
        {
            errors.Add($"Platforms are required ({label}).");
        }

        foreach (var platform in d.Platforms)
        {
            if (!ValueRules.Platforms.Contains(platform))
            {
                errors.Add($"Invalid platform: '{platform}' ({label}). Valid platforms are: windows, mac, linux, android, ios.");
            }
            else if (ValueRules.MobilePlatforms.Contains(platform) && !options.MobileEnabled)
            {
                errors.Add($"Platform '{platform}' requires Falcon for Mobile ({label}).");
            }
        }

        if (d.AppliedGlobally && d.HostGroups.Count > 0)
        {
            errors.Add($"applied_globally and host_groups cannot both be set ({label}).");
        }
        else if (!d.AppliedGlobally && d.HostGroups.Count == 0
            && !errors.Exists(e => e.StartsWith("Either applied_globally", StringComparison.Ordinal)))
        {
            errors.Add($"Either applied_globally must be true or host_groups must be given ({label}).");
        }

        foreach (var group in d.HostGroups)
        {
            if (!ValueRules.IsHex(group, 32))
            {
                errors.Add($"Invalid host group id: '{group}' ({label}); expected 32 hex characters.");
            }
        }

        if (d.Source.Length > ValueRules.MaxTextLength)
        {
            errors.Add($"Source must be at most {ValueRules.MaxTextLength} characters, got {d.Source.Length} ({label}).");
        }

        if (d.Description.Length > ValueRules.MaxTextLength)
        {
            errors.Add($"Description must be at most {ValueRules.MaxTextLength} characters, got {d.Description.Length} ({label}).");
        }
    }
}

/// <summary>The indicator a valid item produces, or the messages of every rule it breaks.</summary>
internal sealed record ValidationResult(SimIndicator? Indicator, IReadOnlyList<string> Errors);
