using Connector.Contracts;
using Connector.Domain.Normalization;

namespace Connector.Domain.Tests.Normalization;

public sealed class IocNormalizerTests
{
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";

    // Three 63-character labels and their dots: 191 characters, so a 200-character domain is this plus ".abcdefgh".
    private static readonly string Labels63x3 = string.Join('.', Enumerable.Repeat(new string('a', 63), 3));

    public static TheoryData<IocType, string, string> ValidValues => new()
    {
        // Hashes: lowercased, surrounding whitespace ignored.
        { IocType.Sha256, Sha256, Sha256 },
        { IocType.Sha256, Sha256.ToUpperInvariant(), Sha256 },
        { IocType.Sha256, $"  {Sha256}\t", Sha256 },
        { IocType.Md5, Md5, Md5 },
        { IocType.Md5, "D41D8CD98F00B204E9800998ECF8427E", Md5 },
        { IocType.Md5, $"\n{Md5} ", Md5 },
        // Domains: lowercased, trailing dot removed, trimmed, IDN to punycode.
        { IocType.Domain, "example.com", "example.com" },
        { IocType.Domain, "Example.COM", "example.com" },
        { IocType.Domain, "example.com.", "example.com" },
        { IocType.Domain, "  Example.com.  ", "example.com" },
        { IocType.Domain, "sub_domain.example.com", "sub_domain.example.com" },
        { IocType.Domain, "_dmarc.example.com", "_dmarc.example.com" },
        { IocType.Domain, "a-b--c.example", "a-b--c.example" },
        { IocType.Domain, "1example.com", "1example.com" },
        { IocType.Domain, "123.example", "123.example" },
        { IocType.Domain, "a.b.c.d.e.example", "a.b.c.d.e.example" },
        { IocType.Domain, "localhost", "localhost" },
        { IocType.Domain, "x", "x" },
        { IocType.Domain, "xn--bcher-kva.example", "xn--bcher-kva.example" },
        { IocType.Domain, "XN--BCHER-KVA.example", "xn--bcher-kva.example" },
        { IocType.Domain, "bücher.example", "xn--bcher-kva.example" },
        { IocType.Domain, "BÜCHER.Example", "xn--bcher-kva.example" },
        { IocType.Domain, "пример.рф", "xn--e1afmkfd.xn--p1ai" },
        { IocType.Domain, "例え.jp", "xn--r8jz45g.jp" },
        { IocType.Domain, "münchen.de.", "xn--mnchen-3ya.de" },
        { IocType.Domain, new string('a', 63) + ".com", new string('a', 63) + ".com" },
        { IocType.Domain, Labels63x3 + ".abcdefgh", Labels63x3 + ".abcdefgh" },
        // IPv4: strict dotted decimal, already canonical.
        { IocType.Ipv4, "198.51.100.7", "198.51.100.7" },
        { IocType.Ipv4, " 10.0.0.1 ", "10.0.0.1" },
        { IocType.Ipv4, "0.0.0.0", "0.0.0.0" },
        { IocType.Ipv4, "255.255.255.255", "255.255.255.255" },
        { IocType.Ipv4, "1.20.199.250", "1.20.199.250" },
        // IPv6: RFC 5952 form.
        { IocType.Ipv6, "2001:db8::1", "2001:db8::1" },
        { IocType.Ipv6, "2001:DB8::1", "2001:db8::1" },
        { IocType.Ipv6, "0:0:0:0:0:0:0:1", "::1" },
        { IocType.Ipv6, "::1", "::1" },
        { IocType.Ipv6, "::", "::" },
        { IocType.Ipv6, "2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329" },
        { IocType.Ipv6, "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
        { IocType.Ipv6, "2001:db8::0:1", "2001:db8::1" },
        { IocType.Ipv6, "FE80::1", "fe80::1" },
        { IocType.Ipv6, " 2001:db8::1 ", "2001:db8::1" },
        { IocType.Ipv6, "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void A_valid_value_is_normalised(IocType type, string raw, string normalised)
    {
        var result = IocNormalizer.TryNormalize(type, raw);

        Assert.True(result.IsOk, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(new IocKey(type, normalised), result.Key);
    }

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Normalising_is_idempotent(IocType type, string raw, string normalised)
    {
        _ = raw;
        var again = IocNormalizer.TryNormalize(type, normalised);

        Assert.True(again.IsOk, again.Reason);
        Assert.Equal(normalised, again.Key.Value);
    }

    public static TheoryData<IocType, string?, string> InvalidValues => new()
    {
        // Empty for every type.
        { IocType.Sha256, null, "empty value" },
        { IocType.Md5, "", "empty value" },
        { IocType.Domain, "   ", "empty value" },
        { IocType.Ipv4, "\t", "empty value" },
        { IocType.Ipv6, null, "empty value" },
        // Hashes: length and charset.
        { IocType.Sha256, Sha256[..63], "sha256 must be 64 hexadecimal characters, got 63" },
        { IocType.Sha256, Sha256 + "0", "sha256 must be 64 hexadecimal characters, got 65" },
        { IocType.Sha256, Md5, "sha256 must be 64 hexadecimal characters, got 32" },
        { IocType.Sha256, "g" + Sha256[1..], "sha256 contains a non-hexadecimal character 'g'" },
        { IocType.Sha256, Sha256[..31] + " " + Sha256[32..], "sha256 contains a non-hexadecimal character U+0020" },
        { IocType.Md5, Md5[..31], "md5 must be 32 hexadecimal characters, got 31" },
        { IocType.Md5, Sha256, "md5 must be 32 hexadecimal characters, got 64" },
        { IocType.Md5, "z" + Md5[1..], "md5 contains a non-hexadecimal character 'z'" },
        { IocType.Md5, "０" + Md5[1..], "md5 contains a non-hexadecimal character U+FF10" },
        { IocType.Md5, "'" + Md5[1..], "md5 contains a non-hexadecimal character '''" },
        // Domains.
        { IocType.Domain, ".", "empty domain" },
        { IocType.Domain, "example..com", "domain has an empty label" },
        { IocType.Domain, ".example.com", "domain has an empty label" },
        { IocType.Domain, "example.com..", "domain has an empty label" },
        { IocType.Domain, "-a.com", "domain label '-a' starts or ends with a hyphen" },
        { IocType.Domain, "a-.com", "domain label 'a-' starts or ends with a hyphen" },
        { IocType.Domain, "a.-", "domain label '-' starts or ends with a hyphen" },
        { IocType.Domain, "evil example.com", "domain contains a character that is not allowed: U+0020" },
        { IocType.Domain, "exa\tmple.com", "domain contains a character that is not allowed: U+0009" },
        { IocType.Domain, "it's.example", "domain contains a character that is not allowed: '''" },
        { IocType.Domain, "a/b.com", "domain contains a character that is not allowed: '/'" },
        { IocType.Domain, "http://a.com", "domain contains a character that is not allowed: ':'" },
        { IocType.Domain, "*.example.com", "domain contains a character that is not allowed: '*'" },
        { IocType.Domain, "user@example.com", "domain contains a character that is not allowed: '@'" },
        { IocType.Domain, new string('a', 64) + ".com", "domain label is longer than 63 characters (64)" },
        { IocType.Domain, Labels63x3 + ".abcdefghi", "domain is longer than 200 characters (201)" },
        { IocType.Domain, "1.2.3.4", "the last label of a domain cannot be all digits (an IP address is not a domain)" },
        { IocType.Domain, "example.123", "the last label of a domain cannot be all digits (an IP address is not a domain)" },
        { IocType.Domain, "xn--zz.com", "domain label 'xn--zz' is not valid punycode" },
        { IocType.Domain, "ex😀.com", "domain contains a character that is not allowed: U+1F600" },
        { IocType.Domain, "a\u00ADb.com", "domain contains a character that is not allowed: U+00AD" },
        { IocType.Domain, "a\u200Bb.com", "domain contains a character that is not allowed: U+200B" },
        { IocType.Domain, "a\u3000b.com", "domain contains a character that is not allowed: U+3000" },
        // IPv4: strict, single addresses.
        { IocType.Ipv4, "10.0.0.0/8", "CIDR ranges are not supported" },
        { IocType.Ipv4, "1.2.3.4/32", "CIDR ranges are not supported" },
        { IocType.Ipv4, "256.1.1.1", "IPv4 octet '256' is greater than 255" },
        { IocType.Ipv4, "1.2.3.999", "IPv4 octet '999' is greater than 255" },
        { IocType.Ipv4, "01.2.3.4", "IPv4 octet '01' has a leading zero (octal or decimal is ambiguous)" },
        { IocType.Ipv4, "1.2.3.010", "IPv4 octet '010' has a leading zero (octal or decimal is ambiguous)" },
        { IocType.Ipv4, "1.2.00.4", "IPv4 octet '00' has a leading zero (octal or decimal is ambiguous)" },
        { IocType.Ipv4, "1.2.3", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1.2.3.4.5", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1..2.3", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1.2.3.", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "0x7f.0.0.1", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "a.b.c.d", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1.2.3.-4", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1 .2.3.4", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1.2.3.4:80", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "１.2.3.4", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "1.2.3.0004", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "2130706433", "IPv4 address must be four dotted decimal octets" },
        { IocType.Ipv4, "::1", "an IPv6 address where an IPv4 address is expected" },
        { IocType.Ipv4, "2001:db8::1", "an IPv6 address where an IPv4 address is expected" },
        { IocType.Ipv4, "::ffff:1.2.3.4", "an IPv6 address where an IPv4 address is expected" },
        // IPv6.
        { IocType.Ipv6, "1.2.3.4", "an IPv4 address where an IPv6 address is expected" },
        { IocType.Ipv6, "2001:db8::/32", "CIDR ranges are not supported" },
        { IocType.Ipv6, "::1/128", "CIDR ranges are not supported" },
        { IocType.Ipv6, "fe80::1%eth0", "IPv6 zone indexes are not supported" },
        { IocType.Ipv6, "fe80::1%1", "IPv6 zone indexes are not supported" },
        { IocType.Ipv6, "[::1]", "not a valid IPv6 address" },
        { IocType.Ipv6, "[2001:db8::1]:443", "not a valid IPv6 address" },
        { IocType.Ipv6, "1::2::3", "not a valid IPv6 address" },
        { IocType.Ipv6, "2001:db8::g", "not a valid IPv6 address" },
        { IocType.Ipv6, "12345::1", "not a valid IPv6 address" },
        { IocType.Ipv6, "1:2:3:4:5:6:7:8:9", "not a valid IPv6 address" },
        { IocType.Ipv6, ":::1", "not a valid IPv6 address" },
        { IocType.Ipv6, "2001 :db8::1", "not a valid IPv6 address" },
        { IocType.Ipv6, "example.com", "not a valid IPv6 address" },
        { IocType.Ipv6, "1.2.3", "not a valid IPv6 address" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_is_rejected_with_a_reason(IocType type, string? raw, string reason)
    {
        var result = IocNormalizer.TryNormalize(type, raw);

        Assert.False(result.IsOk);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(default, result.Key);
    }

    [Fact]
    public void An_internationalised_label_too_long_for_punycode_is_rejected()
    {
        var result = IocNormalizer.TryNormalize(IocType.Domain, new string('ü', 70) + ".example");

        Assert.False(result.IsOk);
        Assert.StartsWith("not a valid internationalised domain name", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_punycode_conversion_that_exceeds_falcons_length_is_rejected()
    {
        var label = new string('ü', 20);
        var result = IocNormalizer.TryNormalize(IocType.Domain, string.Join('.', Enumerable.Repeat(label, 8)));

        Assert.False(result.IsOk);
        Assert.StartsWith("domain is longer than 200 characters", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_ioc_type_is_rejected_not_thrown()
    {
        var result = IocNormalizer.TryNormalize((IocType)99, "x");

        Assert.False(result.IsOk);
        Assert.Equal("unknown IOC type 99", result.Reason);
    }

    private const string Alphabet = "0123456789abcdefABCDEF.:-_/% xn";

    [Theory]
    [InlineData(IocType.Sha256)]
    [InlineData(IocType.Md5)]
    [InlineData(IocType.Domain)]
    [InlineData(IocType.Ipv4)]
    [InlineData(IocType.Ipv6)]
    public void Garbage_never_throws(IocType type)
    {
        var random = new Random((int)type);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(0, 70)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(3) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)];
            }

            var result = IocNormalizer.TryNormalize(type, new string(chars));

            Assert.Equal(result.IsOk, result.Reason is null);
            if (result.IsOk)
            {
                Assert.Equal(type, result.Key.Type);
                Assert.Equal(result.Key.Value, IocNormalizer.TryNormalize(type, result.Key.Value).Key.Value);
            }
        }
    }
}
