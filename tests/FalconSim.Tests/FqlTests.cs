using FalconSim.Fql;

namespace FalconSim.Tests;

public sealed class FqlTests
{
    private static readonly DateTimeOffset T0 = new(2024, 11, 11, 9, 17, 3, TimeSpan.Zero);

    private static readonly SimIndicator Domain = new()
    {
        Id = new string('a', 64),
        Type = "domain",
        Value = "Evil.Example",
        Action = "detect",
        Severity = "high",
        Platforms = ["windows", "linux"],
        Tags = ["c2", "apt-1"],
        AppliedGlobally = true,
        Source = "OpenCTI IOC",
        Description = "it's \"quoted\" \\ here",
        Expiration = T0.AddDays(30),
        CreatedBy = "client-a",
        CreatedOn = T0,
        ModifiedBy = "client-b",
        ModifiedOn = T0.AddHours(1),
    };

    [Theory]
    [InlineData("type:'domain'", true)]
    [InlineData("type:\"domain\"", true)]
    [InlineData("type:domain", true)]
    [InlineData("type:'DOMAIN'", true)]
    [InlineData("type:'ipv4'", false)]
    [InlineData("type:!'ipv4'", true)]
    [InlineData("type:!'domain'", false)]
    [InlineData("value:'evil.example'", true)]
    [InlineData("type:'domain'+value:'evil.example'+deleted:false", true)]
    [InlineData("type:'domain'+deleted:true", false)]
    [InlineData("type:'ipv4',value:'evil.example'", true)]
    [InlineData("type:'ipv4',value:'other'", false)]
    [InlineData("value:['a','evil.example','c']", true)]
    [InlineData("value:['a','b']", false)]
    [InlineData("value:!['a','b']", true)]
    [InlineData("value:['a' , 'Evil.Example' ]", true)]
    [InlineData("value:~'EVIL'", true)]
    [InlineData("value:!~'evil'", false)]
    [InlineData("value:*'evil.*'", true)]
    [InlineData("value:*'*.example'", true)]
    [InlineData("value:*'*.exam'", false)]
    [InlineData("value:*'e*l.ex*e'", true)]
    [InlineData("platforms:'linux'", true)]
    [InlineData("platforms:'mac'", false)]
    [InlineData("platforms:['mac','windows']", true)]
    [InlineData("platforms:!'mac'", true)]
    [InlineData("platforms:!'linux'", false)]
    [InlineData("tags:'c2'", true)]
    [InlineData("tags:~'apt'", true)]
    [InlineData("applied_globally:true", true)]
    [InlineData("applied_globally:'false'", false)]
    [InlineData("expired:false+from_parent:false", true)]
    [InlineData("source:'OpenCTI IOC'", true)]
    [InlineData("source:'OpenCTI'", false)]
    [InlineData("created_by:'client-a'+modified_by:'client-b'", true)]
    [InlineData("id:'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'", true)]
    [InlineData("description:'it\\'s \\\"quoted\\\" \\\\ here'", true)]
    [InlineData("description:\"it's \\\"quoted\\\" \\\\ here\"", true)]
    [InlineData("description:'it\\'s'", false)]
    [InlineData("severity:>'critical'", true)]
    [InlineData("severity:<='high'", true)]
    [InlineData("severity:<'high'", false)]
    [InlineData("created_on:'2024-11-11T09:17:03Z'", true)]
    [InlineData("created_on:>'2024-11-11T09:17:03Z'", false)]
    [InlineData("created_on:>='2024-11-11T09:17:03Z'", true)]
    [InlineData("created_on:<'2024-11-11T09:17:03.000000001Z'", false)]
    [InlineData("created_on:<'2024-11-11T09:17:03.0000001Z'", true)]
    [InlineData("modified_on:>'2024-11-11T10:00:00+01:00'", true)]
    [InlineData("modified_on:>2024-11-11T09:30:00Z", true)]
    [InlineData("expiration:<'2024-12-31'", true)]
    [InlineData("expiration:>'2025-01-01T00:00:00Z'", false)]
    [InlineData("(type:'ipv4',type:'domain')+severity:'high'", true)]
    [InlineData("type:'ipv4',type:'domain'+severity:'low'", false)]
    [InlineData("type:'domain'+severity:'low',type:'domain'", true)]
    [InlineData("((type:'domain'))", true)]
    [InlineData(" type : 'domain' + severity : 'high' ", true)]
    public void Filters_match_as_FQL_defines(string filter, bool expected)
    {
        var compiled = FqlFilter.Compile(filter, 20);

        Assert.Equal(expected, compiled.Matches(Domain));
    }

    [Fact]
    public void An_indicator_without_expiration_matches_no_comparison_but_matches_not_equal()
    {
        var noExpiration = Domain with { Expiration = null };

        Assert.False(FqlFilter.Compile("expiration:<'2099-01-01T00:00:00Z'", 20).Matches(noExpiration));
        Assert.True(FqlFilter.Compile("expiration:!'2099-01-01T00:00:00Z'", 20).Matches(noExpiration));
    }

    [Theory]
    [InlineData("", "expected a property name")]
    [InlineData("type", "expected ':'")]
    [InlineData("type:", "expected a value")]
    [InlineData("type:'domain", "unterminated string")]
    [InlineData("type:'a\\b'", "invalid escape")]
    [InlineData("type:'domain' deleted:false", "must be joined with '+'")]
    [InlineData("type:'domain'+", "expected a property name")]
    [InlineData("(type:'domain'", "missing ')'")]
    [InlineData("type:'domain')", "unbalanced ')'")]
    [InlineData("value:['a','b'", "missing ']'")]
    [InlineData("value:[]", "expected a value")]
    [InlineData("colour:'red'", "unknown property 'colour'")]
    [InlineData("deleted:'yes'", "not a boolean")]
    [InlineData("deleted:~'tr'", "cannot be used with boolean")]
    [InlineData("created_on:~'2024'", "cannot be used with time")]
    [InlineData("created_on:'last week'", "not an RFC 3339 time")]
    [InlineData("severity:>['a','b']", "a list cannot be compared")]
    public void Malformed_filters_throw_with_a_message_saying_what_is_wrong(string filter, string expected)
    {
        var error = Assert.Throws<FqlException>(() => FqlFilter.Compile(filter, 20));

        Assert.StartsWith("Invalid filter", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void More_than_the_maximum_number_of_property_terms_is_refused(int terms, bool refused)
    {
        var filter = string.Join(",", Enumerable.Range(0, terms).Select(i => $"tags:'t{i}'"));

        var error = Record.Exception(() => FqlFilter.Compile(filter, 20));

        Assert.Equal(refused, error is FqlException);
    }

    [Theory]
    [InlineData("value:'a'", new[] { "a" }, null)]
    [InlineData("type:'domain'+value:['a','b']", new[] { "a", "b" }, null)]
    [InlineData("value:['a','b']+value:'a'", new[] { "a" }, null)]
    [InlineData("id:'x'+deleted:false", null, new[] { "x" })]
    [InlineData("value:'a',type:'domain'", null, null)]
    [InlineData("value:!'a'", null, null)]
    [InlineData("value:~'a'", null, null)]
    public void Exact_value_and_id_terms_that_every_match_must_satisfy_are_exposed_for_index_lookups(string filter, string[]? values, string[]? ids)
    {
        var compiled = FqlFilter.Compile(filter, 20);

        Assert.Equal(values, compiled.RequiredValues);
        Assert.Equal(ids, compiled.RequiredIds);
    }

    [Fact]
    public void Mentions_reports_properties_anywhere_in_the_filter()
    {
        var compiled = FqlFilter.Compile("type:'domain'+(source:'x',deleted:true)", 20);

        Assert.True(compiled.Mentions("deleted"));
        Assert.False(compiled.Mentions("expired"));
    }
}
