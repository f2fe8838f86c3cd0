using System.Globalization;
using System.Net;
using System.Text;
using OpenCtiSim.Platform;
using OpenCtiSim.Stix;

namespace OpenCtiSim;

/// <summary>
/// Makes realistic indicators, reproducibly: the same seed and the same anchor times give the same drafts.
/// The mix: IPv4, IPv6 (some not canonical), domains (some upper case), hostnames, MD5, SHA-256 written both
/// <c>'SHA-256'</c> and <c>SHA256</c>, compound OR patterns, and about 15 % that no IOC can come from (url, email,
/// SHA-1, AND, qualifiers, yara). Scores (some missing), MITRE platforms (some android/ios, some missing), labels,
/// descriptions (some longer than Falcon's 200 characters), valid_until (some past), some revoked.
/// </summary>
public sealed class IndicatorGenerator
{
    private static readonly string[] LabelPool =
        ["malware", "c2", "phishing", "apt28", "ransomware", "botnet", "tor-exit-node", "scanner", "cobalt-strike", "emotet"];

    private static readonly string[] DesktopPlatforms = ["windows", "macos", "linux"];

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "net", "ra", "zu", "tor", "pex", "vin", "dal", "qua", "sto", "ber", "fin", "gro", "hel", "jax", "nor"];

    private static readonly string[] Tlds = ["com", "net", "org", "ru", "cn", "io", "info", "xyz", "top", "example"];

    private static readonly string[] Sentences =
    [
        "Observed in a phishing campaign targeting finance teams.",
        "Command and control server used by a loader family.",
        "Shared by a trusted partner; confidence is moderate.",
        "Seen in sandbox detonations of malicious documents.",
        "Associated with credential harvesting infrastructure.",
        "Reported by several feeds during the last quarter.",
    ];

    private readonly Random _random;
    private readonly string[] _markings;
    private readonly string[] _identities;
    private readonly HashSet<string> _patterns = new(StringComparer.Ordinal);

    /// <summary>A generator over the platform's default markings and identities.</summary>
    public IndicatorGenerator(int seed)
        : this(seed, new ReferenceRegistry())
    {
    }

    internal IndicatorGenerator(int seed, ReferenceRegistry references)
    {
        _random = new Random(seed);
        _markings = [.. references.Markings.Select(m => m.StandardId)];
        _identities = [.. references.Identities.Select(i => i.StandardId)];
    }

    /// <summary>The next <paramref name="count"/> drafts, dated around <paramref name="anchor"/>.</summary>
    public IReadOnlyList<IndicatorDraft> Generate(int count, DateTimeOffset anchor)
    {
        var drafts = new List<IndicatorDraft>(count);
        for (var i = 0; i < count; i++)
        {
            drafts.Add(Next(anchor));
        }

        return drafts;
    }

    /// <summary>The next draft (its pattern differs from every pattern this generator made before).</summary>
    public IndicatorDraft Next(DateTimeOffset anchor)
    {
        while (true)
        {
            var (pattern, patternType, name, mainType) = NextPattern();
            if (!_patterns.Add(pattern))
            {
                continue;
            }

            var created = anchor - TimeSpan.FromDays(_random.Next(1, 400)) - TimeSpan.FromSeconds(_random.Next(0, 86_400));
            return new IndicatorDraft
            {
                Id = SimIds.RandomUuid(_random),
                Pattern = pattern,
                PatternType = patternType,
                Name = name,
                MainObservableType = mainType,
                Description = NextDescription(),
                Score = Chance(15) ? null : _random.Next(0, 101),
                Confidence = Chance(20) ? null : _random.Next(15, 101),
                Labels = NextLabels(),
                Platforms = NextPlatforms(),
                IndicatorTypes = _random.Next(100) switch
                {
                    < 50 => ["malicious-activity"],
                    < 60 => ["anomalous-activity"],
                    _ => [],
                },
                KillChainPhases = Chance(20) ? [new SimKillChainPhase("mitre-attack", Pick(["command-and-control", "initial-access", "execution"]))] : [],
                MarkingRefs = Chance(20) ? [] : [NextMarking()],
                CreatedByRef = Chance(25) ? null : Pick(_identities),
                Revoked = Chance(5),
                Detection = Chance(60),
                Created = created,
                ValidFrom = created,
                ValidUntil = _random.Next(100) switch
                {
                    < 10 => null,
                    < 30 => anchor - TimeSpan.FromDays(_random.Next(1, 60)),
                    _ => anchor + TimeSpan.FromDays(_random.Next(1, 366)),
                },
            };
        }
    }

    private (string Pattern, string Type, string Name, string? MainType) NextPattern()
    {
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 18:
            {
                var ip = Ipv4();
                return (Chance(30) ? $"[ipv4-addr:value='{ip}']" : $"[ipv4-addr:value = '{ip}']", "stix", ip, "IPv4-Addr");
            }

            case < 25:
            {
                var ip = Ipv6();
                return ($"[ipv6-addr:value = '{ip}']", "stix", ip, "IPv6-Addr");
            }

            case < 42:
            {
                var domain = Domain();
                return (Chance(25) ? $"[domain-name:value='{domain}']" : $"[domain-name:value = '{domain}']", "stix", domain, "Domain-Name");
            }

            case < 48:
            {
                var host = $"{Word()}-{_random.Next(1, 99)}.{Word()}.{Pick(Tlds)}";
                return ($"[hostname:value = '{host}']", "stix", host, "Hostname");
            }

            case < 58:
            {
                var md5 = Hex(32);
                return (Chance(60) ? $"[file:hashes.MD5 = '{md5}']" : $"[file:hashes.'MD5' = '{md5}']", "stix", md5, "StixFile");
            }

            case < 70:
            {
                var sha = Chance(10) ? Hex(64).ToUpperInvariant() : Hex(64);
                return ($"[file:hashes.'SHA-256' = '{sha}']", "stix", sha, "StixFile");
            }

            case < 76:
            {
                var sha = Hex(64);
                return ($"[file:hashes.SHA256 = '{sha}']", "stix", sha, "StixFile");
            }

            case < 85:
                return Compound();
            default:
                return Unsupported();
        }
    }

    private (string, string, string, string?) Compound()
    {
        switch (_random.Next(3))
        {
            case 0:
            {
                var (md5, sha) = (Hex(32), Hex(64));
                return ($"[file:hashes.MD5 = '{md5}' OR file:hashes.'SHA-256' = '{sha}']", "stix", $"{md5} / {sha}", "StixFile");
            }

            case 1:
            {
                var (a, b) = (Ipv4(), Ipv4());
                return ($"[ipv4-addr:value = '{a}' OR ipv4-addr:value = '{b}']", "stix", $"{a}, {b}", "IPv4-Addr");
            }

            default:
            {
                var (a, b) = (Domain(), Domain());
                return ($"[domain-name:value = '{a}' OR domain-name:value = '{b}']", "stix", $"{a}, {b}", "Domain-Name");
            }
        }
    }

    private (string, string, string, string?) Unsupported()
    {
        switch (_random.Next(7))
        {
            case 0:
            {
                var url = $"http://{Domain()}/{Word()}/{Word()}.php?id={_random.Next(1000)}";
                return ($"[url:value = '{url}']", "stix", url, "Url");
            }

            case 1:
            {
                var ip = Ipv4();
                return ($"[ipv4-addr:value = '{ip}' AND network-traffic:dst_port = {_random.Next(1, 65536)}]", "stix", $"{ip} (port)", "IPv4-Addr");
            }

            case 2:
            {
                var rule = $"sim_{Word()}_{_random.Next(10_000)}";
                return ($"rule {rule} {{ strings: $a = \"{Word()}{Word()}\" condition: $a }}", "yara", rule, "StixFile");
            }

            case 3:
            {
                var sha1 = Hex(40);
                return ($"[file:hashes.'SHA-1' = '{sha1}']", "stix", sha1, "StixFile");
            }

            case 4:
            {
                var email = $"{Word()}.{Word()}@{Domain()}";
                return ($"[email-addr:value = '{email}']", "stix", email, "Email-Addr");
            }

            case 5:
            {
                var ip = Ipv4();
                return ($"[ipv4-addr:value = '{ip}'] WITHIN 600 SECONDS", "stix", ip, "IPv4-Addr");
            }

            default:
            {
                var title = $"{Word()} {Word()}";
                return ($"title: {title}\ndetection:\n  selection:\n    Image|endswith: '\\\\{Word()}.exe'\n  condition: selection", "sigma", title, null);
            }
        }
    }

    private string Ipv4()
    {
        if (Chance(15))
        {
            var prefix = Pick(["192.0.2", "198.51.100", "203.0.113"]);
            return $"{prefix}.{_random.Next(1, 255)}";
        }

        int first;
        do
        {
            first = _random.Next(1, 224);
        }
        while (first is 10 or 127);
        return string.Create(CultureInfo.InvariantCulture, $"{first}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}");
    }

    private string Ipv6()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        (bytes[0], bytes[1], bytes[2], bytes[3]) = (0x20, 0x01, 0x0d, 0xb8);
        if (Chance(50))
        {
            // Runs of zeros, so the canonical form compresses them.
            Array.Clear(bytes, 6, 6);
        }

        var address = new IPAddress(bytes);
        return _random.Next(4) switch
        {
            0 => string.Join(':', Enumerable.Range(0, 8).Select(i => ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x4", CultureInfo.InvariantCulture))),
            1 => address.ToString().ToUpperInvariant(),
            _ => address.ToString(),
        };
    }

    private string Domain()
    {
        var domain = Chance(30) ? $"{Word()}.{Word()}{_random.Next(1, 99)}.{Pick(Tlds)}" : $"{Word()}{Word()}.{Pick(Tlds)}";
        return Chance(10) ? char.ToUpperInvariant(domain[0]) + domain[1..] : domain;
    }

    private string Word() => string.Concat(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(Syllables)));

    private string Hex(int length)
    {
        var bytes = new byte[length / 2];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private string? NextDescription()
    {
        var roll = _random.Next(100);
        if (roll < 30)
        {
            return null;
        }

        if (roll < 90)
        {
            return Pick(Sentences);
        }

        var text = new StringBuilder();
        while (text.Length < 400)
        {
            text.Append(Pick(Sentences)).Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    private string[] NextLabels() =>
        [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(LabelPool)).Distinct(StringComparer.Ordinal)];

    private string[] NextPlatforms()
    {
        if (Chance(45))
        {
            return [];
        }

        if (Chance(3))
        {
            return [Pick(["android", "ios"])];
        }

        var platforms = DesktopPlatforms.Where(_ => Chance(60)).ToList();
        if (platforms.Count == 0)
        {
            platforms.Add("windows");
        }

        if (Chance(12))
        {
            platforms.AddRange(Chance(50) ? ["android", "ios"] : [Pick(["android", "ios"])]);
        }

        return [.. platforms];
    }

    private string NextMarking() => _random.Next(100) switch
    {
        < 20 => _markings[0],
        < 70 => _markings[1],
        < 95 => _markings[2],
        _ => _markings[3],
    };

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
