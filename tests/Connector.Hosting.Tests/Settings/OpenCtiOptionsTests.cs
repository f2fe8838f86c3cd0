using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;

namespace Connector.Hosting.Tests.Settings;

public sealed class OpenCtiOptionsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["OPENCTI_URL"] = "http://opencti:8080",
        ["OPENCTI_TOKEN"] = "3b6a1f8e-2c44-4d7e-9a51-7c0f5d2e8b19",
    };

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> environment) =>
        SettingsProbe.StartupFailures(environment, (services, configuration) => services.AddOpenCtiOptions(configuration));

    [Fact]
    public void Valid_settings_pass_and_bind()
    {
        Assert.Empty(Failures(Valid()));

        var options = SettingsProbe.Bind<OpenCtiOptions>(Valid(), (services, configuration) => services.AddOpenCtiOptions(configuration));
        Assert.Equal("http://opencti:8080", options.Url);
        Assert.Equal(new Uri("http://opencti:8080/"), options.BaseUri);
    }

    [Fact]
    public void Missing_url_and_token_are_both_reported_with_the_fix()
    {
        Assert.Equal(
            [
                "OPENCTI_URL (opencti.url) is required: set it to your OpenCTI base URL, e.g. http://opencti:8080.",
                "OPENCTI_TOKEN (opencti.token) is required: set it to the API token of the OpenCTI user this connector acts as (OpenCTI profile → API access).",
            ],
            Failures([]));
    }

    [Theory]
    [InlineData("opencti:8080")]
    [InlineData("ftp://opencti")]
    [InlineData("/relative/path")]
    [InlineData("http://opencti:8080/?x=1")]
    public void A_url_that_is_not_absolute_http_is_refused(string url)
    {
        var environment = Valid();
        environment["OPENCTI_URL"] = url;

        var failure = Assert.Single(Failures(environment));
        Assert.Equal(
            "OPENCTI_URL (opencti.url) is not an absolute http(s) URL without query: set it to your OpenCTI base URL, e.g. http://opencti:8080.",
            failure);
    }

    [Fact]
    public void Base_uri_ends_with_a_slash_so_relative_paths_append()
    {
        var options = new OpenCtiOptions { Url = "https://cti.example.org/platform" };

        Assert.Equal(new Uri("https://cti.example.org/platform/graphql"), new Uri(options.BaseUri, "graphql"));
    }
}
