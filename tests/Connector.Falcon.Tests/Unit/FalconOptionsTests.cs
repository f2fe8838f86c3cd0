using Connector.Falcon.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Falcon.Tests.Unit;

public sealed class FalconOptionsTests
{
    private const string Secret = "s3cr3t-Value-that-must-not-leak";

    [Fact]
    public void Snake_case_keys_of_the_crowdstrike_section_bind()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["crowdstrike:api_base_url"] = "https://api.eu-1.crowdstrike.com",
            ["crowdstrike:client_id"] = "id-1",
            ["crowdstrike:client_secret"] = Secret,
            ["crowdstrike:member_cid"] = "0123456789abcdef0123456789abcdef",
            ["crowdstrike:batch_size"] = "1000",
            ["crowdstrike:request_share"] = "0.25",
            ["crowdstrike:max_retries"] = "2",
            ["crowdstrike:request_timeout"] = "12.5",
            ["crowdstrike:ignore_warnings"] = "true",
            ["crowdstrike:retrodetects"] = "true",
        });

        Assert.Equal(new Uri("https://api.eu-1.crowdstrike.com/"), options.ApiBaseUri);
        Assert.Equal("id-1", options.ClientId);
        Assert.Equal(Secret, options.ClientSecret);
        Assert.Equal("0123456789abcdef0123456789abcdef", options.MemberCid);
        Assert.Equal(1000, options.BatchSize);
        Assert.Equal(0.25, options.RequestShare);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.RequestTimeout);
        Assert.True(options.IgnoreWarnings);
        Assert.True(options.Retrodetects);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new FalconOptions();

        Assert.Equal("https://api.crowdstrike.com", options.ApiBaseUrl);
        Assert.Equal(500, options.BatchSize);
        Assert.Equal(0.5, options.RequestShare);
        Assert.False(options.IgnoreWarnings);
        Assert.False(options.Retrodetects);
        Assert.Null(options.MemberCid);
    }

    [Fact]
    public void Valid_settings_pass()
    {
        var result = new FalconOptionsValidator().Validate(null, Valid());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(nameof(FalconOptions.ClientId), "", "CROWDSTRIKE_CLIENT_ID (crowdstrike.client_id) is required: set it to the id of a Falcon API client with the IOC Management read/write scope")]
    [InlineData(nameof(FalconOptions.ClientSecret), " ", "CROWDSTRIKE_CLIENT_SECRET (crowdstrike.client_secret) is required")]
    [InlineData(nameof(FalconOptions.ApiBaseUrl), "api.crowdstrike.com", "CROWDSTRIKE_API_BASE_URL (crowdstrike.api_base_url)")]
    [InlineData(nameof(FalconOptions.ApiBaseUrl), "ftp://api.crowdstrike.com", "not an absolute http(s) URL")]
    [InlineData(nameof(FalconOptions.ApiBaseUrl), "https://api.crowdstrike.com/?x=1", "CROWDSTRIKE_API_BASE_URL")]
    [InlineData(nameof(FalconOptions.MemberCid), "not-a-cid", "CROWDSTRIKE_MEMBER_CID (crowdstrike.member_cid)")]
    [InlineData(nameof(FalconOptions.BatchSize), "0", "CROWDSTRIKE_BATCH_SIZE (crowdstrike.batch_size) is 0: set it between 1 and 2000")]
    [InlineData(nameof(FalconOptions.BatchSize), "2001", "CROWDSTRIKE_BATCH_SIZE (crowdstrike.batch_size) is 2001")]
    [InlineData(nameof(FalconOptions.RequestShare), "0", "CROWDSTRIKE_REQUEST_SHARE (crowdstrike.request_share) is 0")]
    [InlineData(nameof(FalconOptions.RequestShare), "1.5", "above 0 and at most 1")]
    [InlineData(nameof(FalconOptions.MaxRetries), "-1", "CROWDSTRIKE_MAX_RETRIES (crowdstrike.max_retries)")]
    [InlineData(nameof(FalconOptions.RequestTimeoutSeconds), "0", "CROWDSTRIKE_REQUEST_TIMEOUT (crowdstrike.request_timeout)")]
    public void Each_bad_setting_is_named_with_its_env_var_yaml_key_and_fix(string property, string value, string expectedMessage)
    {
        var options = Valid();
        var info = typeof(FalconOptions).GetProperty(property)!;
        info.SetValue(options, Convert.ChangeType(value, info.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new FalconOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expectedMessage, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef-2a")]
    public void A_member_cid_may_carry_its_checksum(string cid)
    {
        var options = Valid();
        options.MemberCid = cid;

        Assert.True(new FalconOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Invalid_settings_stop_the_client_with_every_message_and_without_the_secret()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddFalconClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["crowdstrike:client_secret"] = Secret,
                ["crowdstrike:batch_size"] = "5000",
            }).Build().GetSection("crowdstrike"))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FalconOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("CROWDSTRIKE_CLIENT_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("CROWDSTRIKE_BATCH_SIZE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static FalconOptions Valid() => new() { ClientId = "id", ClientSecret = Secret };

    private static FalconOptions Bind(Dictionary<string, string?> values)
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddFalconClient(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("crowdstrike"))
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<FalconOptions>>().Value;
    }
}
