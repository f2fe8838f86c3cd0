using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Settings;

/// <summary>
/// Binds a settings class from its section, reading each public settable property under its
/// <see cref="ConfigurationKeyNameAttribute"/> name. Unlike the stock binder it reads booleans leniently
/// (<see cref="FlexibleBoolean"/>), treats an empty value as "not set" (docker-compose writes <c>VAR=</c> for unset
/// variables) and, instead of throwing at the first unreadable value, reports every one in words a user can act on.
/// (The stock binder reads <c>True</c> fine, through <c>bool.Parse</c>, but throws on <c>yes</c> or <c>1</c> with a message
/// that names neither the environment variable nor the fix, and stops there.)
/// </summary>
internal static class SettingsBinder
{
    /// <summary>The settings as configured, unreadable values left at their defaults; no validation.</summary>
    public static TSettings Read<TSettings>(IConfiguration configuration)
        where TSettings : class, IConnectorSettings, new()
    {
        var settings = new TSettings();
        Bind(configuration, TSettings.SectionName, settings);
        return settings;
    }

    /// <summary>Sets every readable value on <paramref name="target"/>; returns a message per unreadable one.</summary>
    public static IReadOnlyList<string> Bind(IConfiguration configuration, string sectionName, object target)
    {
        var section = configuration.GetSection(sectionName);
        var problems = new List<string>();
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var name = new SettingName(sectionName, key);
            var child = section.GetSection(key);
            var read = IsScalar(property.PropertyType)
                ? ReadScalar(child.Value, property.PropertyType, name)
                : ReadComplex(child, property.PropertyType, name);

            if (read.Problem is not null)
            {
                problems.Add(read.Problem);
            }
            else if (read.IsSet)
            {
                property.SetValue(target, read.Value);
            }
        }

        return problems;
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid)
            || t == typeof(TimeSpan) || t == typeof(DateTimeOffset) || t == typeof(Uri);
    }

    private static Reading ReadScalar(string? raw, Type type, SettingName name)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Reading.NotSet;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return Reading.Of(raw);
        }

        var text = raw.Trim();
        var invariant = CultureInfo.InvariantCulture;
        return t switch
        {
            _ when t == typeof(bool) => FlexibleBoolean.TryParse(text, out var b)
                ? Reading.Of(b)
                : Reading.Bad($"{name} must be {FlexibleBoolean.Accepted}, got {Quote(text)}."),
            _ when t == typeof(int) => int.TryParse(text, NumberStyles.Integer, invariant, out var i)
                ? Reading.Of(i)
                : Reading.Bad($"{name} must be a whole number, got {Quote(text)}."),
            _ when t == typeof(long) => long.TryParse(text, NumberStyles.Integer, invariant, out var l)
                ? Reading.Of(l)
                : Reading.Bad($"{name} must be a whole number, got {Quote(text)}."),
            _ when t == typeof(double) => double.TryParse(text, NumberStyles.Float, invariant, out var d)
                ? Reading.Of(d)
                : Reading.Bad($"{name} must be a number such as 0.5, got {Quote(text)}."),
            _ when t == typeof(Guid) => Guid.TryParse(text, out var g)
                ? Reading.Of(g)
                : Reading.Bad($"{name} must be a UUID such as 6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93, got {Quote(text)}."),
            _ when t == typeof(TimeSpan) => TimeSpan.TryParse(text, invariant, out var s)
                ? Reading.Of(s)
                : Reading.Bad($"{name} must be a duration such as 00:05:00, got {Quote(text)}."),
            _ when t == typeof(DateTimeOffset) => DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var o)
                ? Reading.Of(o)
                : Reading.Bad($"{name} must be an ISO 8601 date such as 2024-06-01T00:00:00Z, got {Quote(text)}."),
            // URLs may carry credentials, so they are never echoed.
            _ when t == typeof(Uri) => Uri.TryCreate(text, UriKind.Absolute, out var u)
                ? Reading.Of(u)
                : Reading.Bad($"{name} must be an absolute URL."),
            _ when t.IsEnum => Enum.TryParse(t, text, ignoreCase: true, out var e) && Enum.IsDefined(t, e!)
                ? Reading.Of(e)
                : Reading.Bad($"{name} must be one of {string.Join(", ", Enum.GetNames(t)).ToLowerInvariant()}, got {Quote(text)}."),
            _ => ReadConvertible(text, t, name),
        };
    }

    private static Reading ReadConvertible(string text, Type type, SettingName name)
    {
        try
        {
            return Reading.Of(Convert.ChangeType(text, type, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            return Reading.Bad($"{name} must be a {type.Name}, got {Quote(text)}.");
        }
    }

    // Lists and nested objects (e.g. a yaml sequence) go through the stock binder.
    private static Reading ReadComplex(IConfigurationSection child, Type type, SettingName name)
    {
        if (!child.Exists())
        {
            return Reading.NotSet;
        }

        try
        {
            return Reading.Of(child.Get(type));
        }
        catch (InvalidOperationException)
        {
            return Reading.Bad($"{name} cannot be read as {type.Name}: check its items.");
        }
    }

    private static string Quote(string text) =>
        text.Length <= 60 ? $"'{text}'" : $"'{text[..60]}…'";

    private readonly record struct Reading(bool IsSet, object? Value, string? Problem)
    {
        public static Reading NotSet => default;

        public static Reading Of(object? value) => new(true, value, null);

        public static Reading Bad(string problem) => new(false, null, problem);
    }
}
