using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FalconSim;

/// <summary>
/// Reads <see cref="FalconSimOptions"/> from <c>FALCON_SIM_*</c> settings (environment variables, or any
/// configuration source with the same keys), for the standalone simulator.
/// </summary>
public static class FalconSimEnvironment
{
    /// <summary>Every setting this binder reads, with what it sets.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FALCON_SIM_CLIENT_ID"] = "accepted API client id (default falcon-sim-client)",
        ["FALCON_SIM_CLIENT_SECRET"] = "its secret (default falcon-sim-secret)",
        ["FALCON_SIM_ADDITIONAL_CLIENTS"] = "more clients, 'id:secret,id2:secret2'",
        ["FALCON_SIM_TOKEN_LIFETIME_SECONDS"] = "token lifetime (default 1799)",
        ["FALCON_SIM_BAD_SECRET_STATUS"] = "status for a wrong secret (default 403)",
        ["FALCON_SIM_TOKEN_REDIRECT_URL"] = "answer token requests 308 to this base URL",
        ["FALCON_SIM_TOKEN_RATE_LIMIT_PER_MINUTE"] = "token endpoint limit (default 300)",
        ["FALCON_SIM_BAD_TOKEN_LIMIT_PER_MINUTE"] = "bad-token lockout per IP (default 0 = off)",
        ["FALCON_SIM_LATENCY_MS"] = "delay per request in ms (default 0)",
        ["FALCON_SIM_5XX_RATE"] = "share of API requests answered 5xx, 0..1 (default 0)",
        ["FALCON_SIM_5XX_AFTER_COMMIT"] = "injected 5xx on writes after committing (default false)",
        ["FALCON_SIM_RATE_LIMIT_PER_MINUTE"] = "API requests per minute (default 6000)",
        ["FALCON_SIM_BURST_429"] = "answer the first N API requests 429 (default 0)",
        ["FALCON_SIM_CAPACITY"] = "maximum non-deleted IOCs (default 1000000)",
        ["FALCON_SIM_MAX_INDICATORS_PER_REQUEST"] = "create/update batch limit (default 2000)",
        ["FALCON_SIM_MAX_IDS_PER_GET"] = "ids per get/delete (default 500)",
        ["FALCON_SIM_MAX_URL_LENGTH"] = "longest path+query before 414 (default 16384)",
        ["FALCON_SIM_DEFAULT_QUERY_LIMIT"] = "search limit when none is given (default 100)",
        ["FALCON_SIM_MAX_QUERY_LIMIT"] = "largest search limit (default 2000)",
        ["FALCON_SIM_QUERY_MAX_OFFSET_PLUS_LIMIT"] = "offset+limit cap (default 10000)",
        ["FALCON_SIM_MAX_FILTER_PROPERTIES"] = "FQL property terms per filter (default 20)",
        ["FALCON_SIM_REGION"] = "X-Cs-Region (default us-1)",
        ["FALCON_SIM_MOBILE_ENABLED"] = "allow android/ios platforms (default false)",
        ["FALCON_SIM_REJECT_PAST_EXPIRATION"] = "refuse expirations in the past (default true)",
        ["FALCON_SIM_BATCH_MODE"] = "all-or-nothing (default) or partial",
        ["FALCON_SIM_SEARCH_INCLUDES_DELETED"] = "search returns deleted IOCs without a deleted filter (default false)",
        ["FALCON_SIM_WARNING_VALUES"] = "comma list of values that need ignore_warnings=true",
        ["FALCON_SIM_SEED"] = "random seed (default: random)",
    };

    /// <summary>Binds from configuration (the standalone host's configuration includes environment variables).</summary>
    public static FalconSimOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Bind(key => configuration[key]);
    }

    /// <summary>Binds from a lookup of setting name to value; absent or blank settings keep their defaults.</summary>
    /// <exception cref="FormatException">A setting has a value that cannot be used; the message names it.</exception>
    public static FalconSimOptions Bind(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var options = new FalconSimOptions();
        var reader = new Reader(read);

        reader.String("FALCON_SIM_CLIENT_ID", v => options.ClientId = v);
        reader.String("FALCON_SIM_CLIENT_SECRET", v => options.ClientSecret = v);
        reader.String("FALCON_SIM_ADDITIONAL_CLIENTS", v => AddClients(options, v));
        reader.Int("FALCON_SIM_TOKEN_LIFETIME_SECONDS", 1, int.MaxValue, v => options.TokenLifetime = TimeSpan.FromSeconds(v));
        reader.Int("FALCON_SIM_BAD_SECRET_STATUS", 400, 499, v => options.BadSecretStatusCode = v);
        reader.String("FALCON_SIM_TOKEN_REDIRECT_URL", v => options.TokenRedirectBaseAddress = AbsoluteUri("FALCON_SIM_TOKEN_REDIRECT_URL", v));
        reader.Int("FALCON_SIM_TOKEN_RATE_LIMIT_PER_MINUTE", 1, int.MaxValue, v => options.TokenRateLimitPerMinute = v);
        reader.Int("FALCON_SIM_BAD_TOKEN_LIMIT_PER_MINUTE", 0, int.MaxValue, v => options.BadTokenLimitPerMinute = v);
        reader.Int("FALCON_SIM_LATENCY_MS", 0, int.MaxValue, v => options.LatencyPerRequest = TimeSpan.FromMilliseconds(v));
        reader.Double("FALCON_SIM_5XX_RATE", 0, 1, v => options.ServerErrorRate = v);
        reader.Bool("FALCON_SIM_5XX_AFTER_COMMIT", v => options.ServerErrorAfterCommit = v);
        reader.Int("FALCON_SIM_RATE_LIMIT_PER_MINUTE", 1, int.MaxValue, v => options.RateLimitPerMinute = v);
        reader.Int("FALCON_SIM_BURST_429", 0, int.MaxValue, options.TriggerRateLimitBurst);
        reader.Int("FALCON_SIM_CAPACITY", 0, int.MaxValue, v => options.Capacity = v);
        reader.Int("FALCON_SIM_MAX_INDICATORS_PER_REQUEST", 1, int.MaxValue, v => options.MaxIndicatorsPerRequest = v);
        reader.Int("FALCON_SIM_MAX_IDS_PER_GET", 1, int.MaxValue, v => options.MaxIdsPerGet = v);
        reader.Int("FALCON_SIM_MAX_URL_LENGTH", 64, int.MaxValue, v => options.MaxUrlLength = v);
        reader.Int("FALCON_SIM_DEFAULT_QUERY_LIMIT", 1, int.MaxValue, v => options.DefaultQueryLimit = v);
        reader.Int("FALCON_SIM_MAX_QUERY_LIMIT", 1, int.MaxValue, v => options.MaxQueryLimit = v);
        reader.Int("FALCON_SIM_QUERY_MAX_OFFSET_PLUS_LIMIT", 1, int.MaxValue, v => options.QueryMaxOffsetPlusLimit = v);
        reader.Int("FALCON_SIM_MAX_FILTER_PROPERTIES", 1, int.MaxValue, v => options.MaxFilterProperties = v);
        reader.String("FALCON_SIM_REGION", v => options.Region = v);
        reader.Bool("FALCON_SIM_MOBILE_ENABLED", v => options.MobileEnabled = v);
        reader.Bool("FALCON_SIM_REJECT_PAST_EXPIRATION", v => options.RejectPastExpiration = v);
        reader.String("FALCON_SIM_BATCH_MODE", v => options.BatchFailureMode = ParseBatchMode(v));
        reader.Bool("FALCON_SIM_SEARCH_INCLUDES_DELETED", v => options.SearchIncludesDeletedByDefault = v);
        reader.String("FALCON_SIM_WARNING_VALUES", v =>
        {
            foreach (var value in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.WarningValues.Add(value);
            }
        });
        reader.Int("FALCON_SIM_SEED", int.MinValue, int.MaxValue, v => options.Seed = v);
        return options;
    }

    /// <summary>Parses a batch mode name: <c>all-or-nothing</c> or <c>partial</c> (enum names work too).</summary>
    public static BatchFailureMode ParseBatchMode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "all-or-nothing" or "all_or_nothing" or "allornothing" => BatchFailureMode.AllOrNothing,
            "partial" or "partial-commit" or "partial_commit" or "partialcommit" => BatchFailureMode.PartialCommit,
            _ => throw new FormatException($"'{value}' is not a batch mode: use 'all-or-nothing' or 'partial'."),
        };
    }

    private static void AddClients(FalconSimOptions options, string list)
    {
        foreach (var pair in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new FormatException("FALCON_SIM_ADDITIONAL_CLIENTS must be 'id:secret' pairs separated by commas.");
            }

            options.AdditionalClients[pair[..colon]] = pair[(colon + 1)..];
        }
    }

    private static Uri AbsoluteUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new FormatException($"{name} must be an absolute URL such as http://127.0.0.1:5081/, not '{value}'.");

    private sealed class Reader(Func<string, string?> read)
    {
        public void String(string name, Action<string> set)
        {
            var value = read(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                Wrap(name, value, () => set(value.Trim()));
            }
        }

        public void Int(string name, int min, int max, Action<int> set) => String(name, value =>
        {
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                throw new FormatException($"{name} must be a whole number between {min} and {max}, not '{value}'.");
            }

            set(number);
        });

        public void Double(string name, double min, double max, Action<double> set) => String(name, value =>
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                throw new FormatException($"{name} must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.");
            }

            set(number);
        });

        public void Bool(string name, Action<bool> set) => String(name, value =>
        {
            if (!bool.TryParse(value, out var flag))
            {
                flag = value switch
                {
                    "1" => true,
                    "0" => false,
                    _ => throw new FormatException($"{name} must be true or false, not '{value}'."),
                };
            }

            set(flag);
        });

        private static void Wrap(string name, string value, Action apply)
        {
            try
            {
                apply();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                if (ex is FormatException && ex.Message.StartsWith(name, StringComparison.Ordinal))
                {
                    throw;
                }

                throw new FormatException($"{name}='{value}' is not accepted: {ex.Message}", ex);
            }
        }
    }
}
