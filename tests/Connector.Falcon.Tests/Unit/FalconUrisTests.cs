using Connector.Falcon.Http;

namespace Connector.Falcon.Tests.Unit;

public sealed class FalconUrisTests
{
    [Theory]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "https://api.eu-1.crowdstrike.com/oauth2/token", true)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "https://api.laggar.gcw.crowdstrike.com/oauth2/token", true)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "http://api.eu-1.crowdstrike.com/oauth2/token", false)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "https://evil.example/oauth2/token", false)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "https://crowdstrike.com.evil.example/oauth2/token", false)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "https://evilcrowdstrike.com/oauth2/token", false)]
    [InlineData("https://api.crowdstrike.com/oauth2/token", "http://127.0.0.1:5000/oauth2/token", false)]
    [InlineData("http://127.0.0.1:5000/oauth2/token", "http://127.0.0.1:5001/oauth2/token", true)]
    [InlineData("http://localhost:5000/oauth2/token", "http://[::1]:5001/oauth2/token", true)]
    [InlineData("http://127.0.0.1:5000/oauth2/token", "http://10.0.0.1/oauth2/token", false)]
    public void Credentials_follow_a_redirect_only_to_a_crowdstrike_cloud_or_between_loopback_hosts(string from, string to, bool allowed) =>
        Assert.Equal(allowed, FalconUris.MayRedirectCredentials(new Uri(from), new Uri(to)));

    [Theory]
    [InlineData("https://api.eu-1.crowdstrike.com/oauth2/token", "https://api.eu-1.crowdstrike.com/")]
    [InlineData("http://127.0.0.1:5001/oauth2/token", "http://127.0.0.1:5001/")]
    [InlineData("https://proxy.example/falcon/oauth2/token", "https://proxy.example/falcon/")]
    [InlineData("https://api.eu-1.crowdstrike.com/elsewhere", "https://api.eu-1.crowdstrike.com/")]
    public void The_api_base_of_a_region_is_its_token_endpoint_without_the_path(string tokenEndpoint, string expected) =>
        Assert.Equal(new Uri(expected), FalconUris.BaseOfTokenEndpoint(new Uri(tokenEndpoint)));

    [Theory]
    [InlineData("https://api.crowdstrike.com", "https://api.crowdstrike.com/")]
    [InlineData("https://proxy.example/falcon", "https://proxy.example/falcon/")]
    [InlineData("https://proxy.example/falcon/", "https://proxy.example/falcon/")]
    public void A_base_url_always_ends_with_a_slash(string input, string expected) =>
        Assert.Equal(expected, FalconUris.WithTrailingSlash(new Uri(input)).AbsoluteUri);
}
