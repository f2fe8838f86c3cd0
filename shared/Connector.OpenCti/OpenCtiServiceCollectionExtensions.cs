using Connector.OpenCti.Diagnostics;
using Connector.OpenCti.GraphQl;
using Connector.OpenCti.State;
using Connector.OpenCti.LiveStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Connector.OpenCti;

/// <summary>Registers the OpenCTI client pieces.</summary>
public static class OpenCtiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL client (<see cref="OpenCtiGraphQlClient"/>, with a standard resilience handler that retries
    /// network errors and 5xx) and the live stream's HTTP client, both authenticated with the connection's token.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connection">Where OpenCTI is and its token.</param>
    /// <param name="configureResilience">Adjusts the GraphQL retry and timeout policy (defaults: 4 retries, 30 s per attempt, 3 min in all).</param>
    public static IServiceCollection AddOpenCtiClient(
        this IServiceCollection services,
        OpenCtiConnection connection,
        Action<HttpStandardResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        services.TryAddSingleton(connection);
        return services.AddOpenCtiClient(_ => connection, configureResilience);
    }

    /// <summary>
    /// Like <see cref="AddOpenCtiClient(IServiceCollection, OpenCtiConnection, Action{HttpStandardResilienceOptions}?)"/>,
    /// but the connection is built from the container when first needed: for hosts that bind and validate their
    /// settings at start (options pattern) rather than while registering services.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionFactory">Builds the connection (e.g. from validated options); called once.</param>
    /// <param name="configureResilience">Adjusts the GraphQL retry and timeout policy (defaults: 4 retries, 30 s per attempt, 3 min in all).</param>
    public static IServiceCollection AddOpenCtiClient(
        this IServiceCollection services,
        Func<IServiceProvider, OpenCtiConnection> connectionFactory,
        Action<HttpStandardResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionFactory);
        services.TryAddSingleton<OpenCtiConnection>(connectionFactory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<OpenCtiInstrumentation>();
        services.TryAddTransient<BearerTokenHandler>();

        services.AddHttpClient<OpenCtiGraphQlClient>((provider, http) => http.BaseAddress = provider.GetRequiredService<OpenCtiConnection>().BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler<BearerTokenHandler>()
            .RedactLoggedHeaders(["Authorization"])
            .AddStandardResilienceHandler(options =>
            {
                // A page of 5000 indicators can take a while to build; the defaults (10 s) are for small calls.
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(3);
                options.Retry.MaxRetryAttempts = 4;
                options.Retry.UseJitter = true;
                configureResilience?.Invoke(options);
            });

        // The stream lives for hours: no timeout, and no retry handler (LiveStreamClient reconnects itself).
        services.AddHttpClient(LiveStreamClient.HttpClientName, (provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<OpenCtiConnection>().BaseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<BearerTokenHandler>()
            .RedactLoggedHeaders(["Authorization"]);
        return services;
    }

    /// <summary>Registers <see cref="LiveStreamClient"/> for one live stream (needs <see cref="AddOpenCtiClient(IServiceCollection, OpenCtiConnection, Action{HttpStandardResilienceOptions}?)"/>).</summary>
    public static IServiceCollection AddOpenCtiLiveStream(this IServiceCollection services, LiveStreamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(settings);
        services.TryAddSingleton<LiveStreamClient>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="ConnectorStateKeeper"/> as a singleton and a hosted service: it registers the connector and
    /// pings every 40 s with the confirmed position (needs <see cref="AddOpenCtiClient(IServiceCollection, OpenCtiConnection, Action{HttpStandardResilienceOptions}?)"/>).
    /// </summary>
    public static IServiceCollection AddOpenCtiConnectorState(this IServiceCollection services, ConnectorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(identity);
        services.TryAddSingleton(identity);
        services.TryAddSingleton<ConnectorStateKeeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ConnectorStateKeeper>());
        return services;
    }

    /// <summary>
    /// Everything a stream reader needs, from configuration (see <see cref="OpenCtiConfiguration"/>): the clients, the
    /// live stream and the connector state keeper.
    /// </summary>
    public static IServiceCollection AddOpenCti(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services
            .AddOpenCtiClient(OpenCtiConfiguration.ReadConnection(configuration))
            .AddOpenCtiLiveStream(OpenCtiConfiguration.ReadLiveStream(configuration))
            .AddOpenCtiConnectorState(OpenCtiConfiguration.ReadIdentity(configuration));
    }
}
